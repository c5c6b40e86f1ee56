package org.srplatform.notify.tsanet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The connector's HTTP client is made at the first call, once, not while the platform starts. */
class FirstUseTest {

    @Test
    void nothingIsMadeBeforeTheFirstUseAndOnlyOnceAfter() throws Exception {
        AtomicInteger made = new AtomicInteger();
        TsanetConnector.FirstUse<Object> client = new TsanetConnector.FirstUse<>(() -> {
            made.incrementAndGet();
            return new Object();
        });
        assertEquals(0, made.get());

        CountDownLatch go = new CountDownLatch(1);
        List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(client.get());
            });
            t.start();
            callers.add(t);
        }
        go.countDown();
        for (Thread t : callers) {
            t.join(10_000);
        }
        assertEquals(1, made.get());
        assertEquals(8, seen.size());
        seen.forEach(o -> assertSame(seen.get(0), o));
    }
}
