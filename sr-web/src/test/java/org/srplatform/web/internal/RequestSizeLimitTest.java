package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.srplatform.api.common.PayloadTooLargeException;

class RequestSizeLimitTest {
    private static final int MIB = 1024 * 1024;
    private final RequestSizeLimit limit = new RequestSizeLimit(MIB);

    /** A request with a JSON body; {@code length} -1 for chunked. */
    private static ContainerRequestContext request(long length, InputStream body, AtomicReference<InputStream> replaced) {
        replaced.set(body);
        return (ContainerRequestContext) Proxy.newProxyInstance(RequestSizeLimitTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMediaType" -> new MediaType("application", "json");
                    case "getLength" -> (int) Math.min(Integer.MAX_VALUE, length);
                    case "getEntityStream" -> replaced.get();
                    case "setEntityStream" -> {
                        replaced.set((InputStream) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anOversizeBodyOfKnownLengthIsReadToItsEndBeforeTheRefusalSoTheClientCanReadIt() {
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[3 * MIB]);
        assertThrows(PayloadTooLargeException.class, () -> limit.filter(request(3 * MIB, body, new AtomicReference<>())));
        assertEquals(0, body.available(), "the whole body was read");
    }

    @Test
    void aChunkedOversizeBodyIsRefusedWhileReadingAndReadToItsEnd() throws Exception {
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[3 * MIB]);
        AtomicReference<InputStream> stream = new AtomicReference<>();
        limit.filter(request(-1, body, stream));
        assertThrows(PayloadTooLargeException.class, () -> stream.get().readAllBytes());
        assertEquals(0, body.available(), "the whole body was read");
    }

    @Test
    void aBodyBeyondTheDrainBoundIsRefusedUnread() {
        CountingStream body = new CountingStream();
        assertThrows(PayloadTooLargeException.class, () -> limit.filter(request(64L * MIB, body, new AtomicReference<>())));
        assertEquals(0, body.read, "nothing is read of a body larger than the drain bound");
        assertTrue(RequestSizeLimit.drain(new CountingStream(), RequestSizeLimit.DRAIN_MAX) <= RequestSizeLimit.DRAIN_MAX);
    }

    @Test
    void aBodyWithinTheLimitPassesWhole() throws Exception {
        AtomicReference<InputStream> stream = new AtomicReference<>();
        limit.filter(request(-1, new ByteArrayInputStream(new byte[MIB]), stream));
        assertEquals(MIB, stream.get().readAllBytes().length);
    }

    @Test
    void aClientThatExpects100ContinueIsRefusedBeforeItSendsAnOversizeJsonBody() {
        assertTrue(RequestSizeLimit.BeforeContinue.refusesBeforeBody("100-continue", "application/json", MIB + 1, MIB));
        assertTrue(RequestSizeLimit.BeforeContinue.refusesBeforeBody("100-Continue", null, MIB + 1, MIB));
        assertFalse(RequestSizeLimit.BeforeContinue.refusesBeforeBody("100-continue", "application/json", MIB, MIB));
        assertFalse(RequestSizeLimit.BeforeContinue.refusesBeforeBody(null, "application/json", MIB + 1, MIB));
        assertFalse(RequestSizeLimit.BeforeContinue.refusesBeforeBody("100-continue", "multipart/form-data; boundary=x",
                10L * MIB, MIB), "uploads have their own limits");
        assertFalse(RequestSizeLimit.BeforeContinue.refusesBeforeBody("100-continue", "application/json", -1, MIB));
    }

    /** An endless body that counts what was read of it. */
    private static final class CountingStream extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            read += len;
            return len;
        }
    }
}
