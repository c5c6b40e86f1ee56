package org.srplatform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the launcher finds before it starts the framework. */
class StartChecksTest {

    @Test
    void aTakenPortIsNamedWithTheFlagThatAvoidsIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertEquals(Optional.of("port " + port + " on 127.0.0.1 is in use by another program; stop it or start with --port N"),
                    PortCheck.problem(Map.of(PortCheck.HTTP_PORT, Integer.toString(port), PortCheck.HOST, "127.0.0.1")));
        }
    }

    @Test
    void aFreePortPasses() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = probe.getLocalPort();
        }
        assertEquals(Optional.empty(), PortCheck.problem(Map.of(PortCheck.HTTP_PORT, Integer.toString(port),
                PortCheck.HOST, "127.0.0.1")));
    }

    @Test
    void aSecondLockOnTheDataFolderIsRefusedAndNamesTheHolder(@TempDir Path data) throws Exception {
        DataFolderLock.Outcome first = DataFolderLock.acquire(data);
        try (DataFolderLock held = ((DataFolderLock.Held) first).lock()) {
            // Refused as another process would be (that case is DistributionIT's).
            DataFolderLock.Outcome second = DataFolderLock.acquire(data);
            DataFolderLock.InUse inUse = assertInstanceOf(DataFolderLock.InUse.class, second);
            assertEquals(Optional.of(ProcessHandle.current().pid()), inUse.pid());
        }
        try (DataFolderLock again = ((DataFolderLock.Held) DataFolderLock.acquire(data)).lock()) {
            // released with the first
        }
    }
}
