package org.srplatform.attachments.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAttachmentStorageTest {
    @TempDir
    Path data;

    private static FileAttachmentStorage start(Map<String, ?> attachments, Map<String, ?> platform) {
        return new FileAttachmentStorage(FakeConfiguration.of(AttachmentsConfig.class, attachments),
                FakeConfiguration.of(PlatformConfig.class, platform));
    }

    private FileAttachmentStorage storage() {
        return new FileAttachmentStorage(data.resolve("attachments"), Clock.systemUTC());
    }

    private static byte[] read(FileAttachmentStorage storage, String key) throws Exception {
        try (InputStream in = storage.open(key)) {
            return in.readAllBytes();
        }
    }

    private static long filesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    @Test
    void attachmentsAreKeptInTheDataFolderOfThePlatformConfiguration() {
        start(Map.of(), Map.of("data.dir", data.toString()));
        assertTrue(Files.isDirectory(data.resolve("attachments").resolve(".incoming")));
    }

    @Test
    void theStorageFolderWinsOverTheOlderDirAndTheDataFolder(@TempDir Path shared) {
        assertEquals(shared.resolve("nfs"), start(Map.of("storage.dir", shared.resolve("nfs").toString(),
                "dir", shared.resolve("old").toString()), Map.of("data.dir", data.toString())).folder());
        assertEquals(shared.resolve("old"), start(Map.of("dir", shared.resolve("old").toString()),
                Map.of("data.dir", data.toString())).folder(), "the earlier key still works");
        assertTrue(Files.isDirectory(shared.resolve("nfs").resolve(".incoming")));
        assertFalse(Files.exists(data.resolve("attachments")));
    }

    @Test
    void withoutAFolderInTheConfigurationTheStorageDoesNotStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("storage.dir"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> start(Map.of("storage.dir", " "), Map.of("data.dir", "")));
    }

    @Test
    void bytesComeBackUnderTheirKeyInTheLayoutOfEarlierReleases() throws Exception {
        FileAttachmentStorage storage = storage();
        byte[] bytes = new byte[1024 * 1024 + 3];
        new Random(7).nextBytes(bytes);
        storage.put("2026000001/0a1b2c", new ByteArrayInputStream(bytes));

        assertArrayEquals(bytes, Files.readAllBytes(data.resolve("attachments/2026000001/0a1b2c")));
        assertArrayEquals(bytes, read(storage, "2026000001/0a1b2c"));
        assertEquals(0, filesIn(data.resolve("attachments/.incoming")), "no part file left");

        Files.writeString(data.resolve("attachments/2026000001/9f9f"), "written by release 1.0");
        assertEquals("written by release 1.0", new String(read(storage, "2026000001/9f9f")));
    }

    @Test
    void anUploadThatFailsMidwayLeavesNothingAndItsExceptionPassesAsItIs() throws Exception {
        FileAttachmentStorage storage = storage();
        IllegalStateException tooLarge = new IllegalStateException("over the limit");
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() {
                if (++sent > 200_000) {
                    throw tooLarge;
                }
                return 1;
            }
        };
        assertSame(tooLarge, assertThrows(IllegalStateException.class, () -> storage.put("2026000001/aa", failing)));

        assertThrows(NoSuchFileException.class, () -> storage.open("2026000001/aa"));
        assertEquals(0, filesIn(data.resolve("attachments/.incoming")));
    }

    @Test
    void anExistingKeyIsNeverReplaced() throws Exception {
        FileAttachmentStorage storage = storage();
        storage.put("2026000001/aa", new ByteArrayInputStream(new byte[] {1}));
        assertThrows(FileAlreadyExistsException.class, () -> storage.put("2026000001/aa", new ByteArrayInputStream(new byte[] {2})));
        assertArrayEquals(new byte[] {1}, read(storage, "2026000001/aa"));
        assertEquals(0, filesIn(data.resolve("attachments/.incoming")));
    }

    @Test
    void aDeleteRemovesTheBytesAndMayBeRepeated() throws Exception {
        FileAttachmentStorage storage = storage();
        storage.put("2026000001/aa", new ByteArrayInputStream(new byte[] {1}));
        storage.delete("2026000001/aa");
        storage.delete("2026000001/aa");
        assertThrows(NoSuchFileException.class, () -> storage.open("2026000001/aa"));
    }

    @Test
    void keysThatWouldLeaveTheFolderOrReachItsPartsAreRefused() {
        FileAttachmentStorage storage = storage();
        for (String key : List.of("../outside", "2026000001/../../outside", "/etc/passwd", ".incoming/x.part", "a//b", "",
                "a/", "a\\b")) {
            assertThrows(IllegalArgumentException.class, () -> storage.put(key, new ByteArrayInputStream(new byte[1])), key);
            assertThrows(IllegalArgumentException.class, () -> storage.open(key), key);
            assertThrows(IllegalArgumentException.class, () -> storage.delete(key), key);
        }
    }

    @Test
    void twoNodesOnOneFolderStoreAtOnceWithoutClashing() throws Exception {
        FileAttachmentStorage a = storage();
        FileAttachmentStorage b = storage(); // the second node starts while the first runs
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<String>> uploads = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            FileAttachmentStorage node = i % 2 == 0 ? a : b;
            String key = "2026000001/" + HexFormat.of().toHexDigits(i); // one SR's folder for all
            byte[] bytes = new byte[10_000 + i];
            new Random(i).nextBytes(bytes);
            uploads.add(() -> {
                node.put(key, new ByteArrayInputStream(bytes));
                return key;
            });
        }
        try {
            for (Future<String> f : pool.invokeAll(uploads)) {
                String key = f.get();
                int i = Integer.parseInt(key.substring(key.indexOf('/') + 1), 16);
                byte[] expected = new byte[10_000 + i];
                new Random(i).nextBytes(expected);
                assertArrayEquals(expected, read(i % 2 == 0 ? b : a, key), "the other node reads it whole");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, filesIn(data.resolve("attachments/.incoming")));
    }

    @Test
    void aStartDeletesOnlyPartFilesACrashLeftNotAnotherNodesUploadInProgress() throws Exception {
        Path incoming = Files.createDirectories(data.resolve("attachments").resolve(".incoming"));
        Path crashed = Files.writeString(incoming.resolve("0123.part"), "half an upload, two hours old");
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path inProgress = Files.writeString(incoming.resolve("4567.part"), "another node is writing this");

        storage();

        assertFalse(Files.exists(crashed));
        assertTrue(Files.exists(inProgress));
    }
}
