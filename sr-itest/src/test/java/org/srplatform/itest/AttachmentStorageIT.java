package org.srplatform.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.srplatform.api.request.AttachmentStore;
import org.srplatform.spi.attachments.AttachmentStorage;

/**
 * Attachments' bytes go to the storage the configuration names: the file storage's {@code storage.dir} (the folder
 * several nodes would share), or another bundle's storage selected by {@code storage.target}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AttachmentStorageIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SR = "{\"account\":\"1001\",\"product\":\"datacenter\",\"category\":\"performance\","
            + "\"severity\":3,\"subject\":\"Slow datastore\",\"description\":\"slow\",\"contactMethod\":\"EMAIL\"}";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return TestPlatform.create().paxExamOptions();
    }

    private Http http() throws InterruptedException {
        Http http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        assertEquals(200, http.await("health", null, 200, WAIT).status());
        assertEquals(200, http.await("requests", "customer1", 200, WAIT).status());
        return http;
    }

    private String open(Http http) {
        Http.Answer a = http.post("requests", "customer1", SR);
        assertEquals(a.body(), 201, a.status());
        return a.json().get("number").asText();
    }

    /**
     * Sets keys of org.srplatform.attachments as an operator would (etc/ is the one before), and waits until the
     * attachment store runs with them: the store restarts with its configuration.
     */
    private Dictionary<String, Object> configure(Map<String, Object> keys, String filter) throws Exception {
        Configuration attachments = configurations.getConfiguration("org.srplatform.attachments", "?");
        Dictionary<String, Object> before = attachments.getProperties();
        Dictionary<String, Object> next = new Hashtable<>();
        keys.forEach(next::put);
        attachments.update(next);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!running(filter)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no attachment store with " + filter + " within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
        return before;
    }

    private boolean running(String filter) throws InvalidSyntaxException {
        var refs = context.getServiceReferences(AttachmentStore.class, filter);
        return refs != null && !refs.isEmpty();
    }

    private void restore(Dictionary<String, Object> before) throws IOException {
        Configuration attachments = configurations.getConfiguration("org.srplatform.attachments", "?");
        if (before == null) {
            attachments.delete();
        } else {
            attachments.update(before);
        }
    }

    @Test
    public void attachmentsGoToTheConfiguredStorageFolder() throws Exception {
        Http http = http();
        Path shared = Files.createTempDirectory("sr-shared-attachments").toRealPath();
        Dictionary<String, Object> before = configure(Map.of("storage.dir", shared.toString()),
                "(storage.dir=" + shared + ")");
        try {
            String number = open(http);
            byte[] bytes = new byte[2 * 1024 * 1024 + 5];
            new Random(17).nextBytes(bytes);
            Http.Answer uploaded = http.upload("requests/" + number + "/attachments", "customer1", "esx.log", bytes);
            assertEquals(uploaded.body(), 201, uploaded.status());
            String id = uploaded.json().get("id").asText();

            assertArrayEquals(bytes, Files.readAllBytes(shared.resolve(number).resolve(id)));
            assertArrayEquals(bytes, http.bytes("requests/" + number + "/attachments/" + id, "customer1"));
            try (Stream<Path> parts = Files.list(shared.resolve(".incoming"))) {
                assertEquals("no part file left", 0, parts.count());
            }
            assertFalse("nothing in the data folder's attachments",
                    Files.exists(Path.of(context.getProperty("sr.data"), "attachments", number)));
        } finally {
            restore(before);
        }
    }

    @Test
    public void anotherBundlesStorageIsUsedOnceTheConfigurationSelectsIt() throws Exception {
        Http http = http();
        Map<String, byte[]> objects = new ConcurrentHashMap<>();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(AttachmentStorage.TYPE_PROPERTY, "memory");
        ServiceRegistration<AttachmentStorage> registration = context.registerService(AttachmentStorage.class,
                new MemoryStorage(objects), properties);
        Dictionary<String, Object> before = null;
        try {
            String number = open(http);
            Http.Answer toFiles = http.upload("requests/" + number + "/attachments", "customer1", "a.log", new byte[] {1});
            assertEquals(toFiles.body(), 201, toFiles.status());
            assertTrue("installing a storage moves nothing by itself", objects.isEmpty());

            before = configure(Map.of("storage.target", "(storage.type=memory)"), "(storage.target=\\(storage.type=memory\\))");
            Http.Answer uploaded = http.upload("requests/" + number + "/attachments", "customer1", "b.log", new byte[] {4, 2});
            assertEquals(uploaded.body(), 201, uploaded.status());
            String id = uploaded.json().get("id").asText();

            assertArrayEquals(new byte[] {4, 2}, objects.get(number + "/" + id));
            assertArrayEquals(new byte[] {4, 2}, http.bytes("requests/" + number + "/attachments/" + id, "customer1"));
        } finally {
            if (before != null) {
                restore(before);
            }
            registration.unregister();
        }
    }

    /** What an object-store bundle registers, kept in memory. */
    private record MemoryStorage(Map<String, byte[]> objects) implements AttachmentStorage {
        @Override
        public void put(String key, InputStream content) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            content.transferTo(out);
            if (objects.putIfAbsent(key, out.toByteArray()) != null) {
                throw new FileAlreadyExistsException(key);
            }
        }

        @Override
        public InputStream open(String key) throws IOException {
            byte[] bytes = objects.get(key);
            if (bytes == null) {
                throw new NoSuchFileException(key);
            }
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void delete(String key) {
            objects.remove(key);
        }
    }
}
