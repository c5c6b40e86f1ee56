package org.srplatform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private final FakeTicker ticker = new FakeTicker();
    private final SignInThrottle throttle = new SignInThrottle(
            new SignInThrottle.Limit(5, Duration.ofSeconds(2), Duration.ofSeconds(60)),
            new SignInThrottle.Limit(20, Duration.ofSeconds(2), Duration.ofSeconds(900)),
            Duration.ofMinutes(15), 1000, ticker);

    private void fail(String login, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(login, address);
        }
    }

    @Test
    void fiveFailuresOfALoginRefuseItsSignInsForTheFirstDelayFromAnyAddress() {
        fail("customer2", "10.0.0.1", 4);
        assertTrue(throttle.refusal("customer2", "10.0.0.1").isEmpty(), "four failures cost nothing");
        SignInThrottle.Failure fifth = throttle.failed("customer2", "10.0.0.1");
        assertEquals(Duration.ofSeconds(2), fifth.delay());
        SignInRefusedException refused = throttle.refusal("customer2", "10.0.0.2").orElseThrow();
        assertEquals(429, refused.status());
        assertEquals(2, refused.retryAfterSeconds());
        assertTrue(refused.getMessage().contains("for this login"), refused.getMessage());
        assertTrue(throttle.refusal("customer1", "10.0.0.1").isEmpty(), "another login from the same address");
        ticker.advance(Duration.ofSeconds(2));
        assertTrue(throttle.refusal("customer2", "10.0.0.1").isEmpty(), "the delay has passed");
    }

    @Test
    void theDelayDoublesWithEachFurtherFailureUpToItsCap() {
        fail("customer2", null, 5);
        assertEquals(Duration.ofSeconds(4), throttle.failed("customer2", null).delay());
        assertEquals(Duration.ofSeconds(8), throttle.failed("customer2", null).delay());
        fail("customer2", null, 10);
        assertEquals(Duration.ofSeconds(60), throttle.failed("customer2", null).delay(), "capped");
    }

    @Test
    void aVerifiedPasswordClearsTheLoginsFailuresButNotTheAddresss() {
        fail("customer2", "10.0.0.9", 19);
        throttle.succeeded("customer2");
        fail("customer2", "10.0.0.9", 4);
        assertTrue(throttle.refusal("customer2", "10.0.0.8").isEmpty(), "the login's count started again");
        SignInRefusedException refused = throttle.refusal("customer3", "10.0.0.9").orElseThrow();
        assertTrue(refused.getMessage().contains("from your address"), "23 failures from the address: " + refused.getMessage());
    }

    @Test
    void failuresFromOneAddressRefuseEveryLoginFromItButNoOtherAddress() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("invented" + i, "10.0.0.66");
        }
        assertTrue(throttle.refusal("customer1", "10.0.0.66").isPresent());
        assertTrue(throttle.refusal("customer1", "10.0.0.1").isEmpty());
        assertTrue(throttle.refusal("invented3", "10.0.0.1").isEmpty(), "one failure of that login");
    }

    @Test
    void failuresAreForgottenAfterTheWindow() {
        fail("customer2", "10.0.0.1", 4);
        ticker.advance(Duration.ofMinutes(16));
        fail("customer2", "10.0.0.1", 4);
        assertTrue(throttle.refusal("customer2", "10.0.0.1").isEmpty(), "4 and 4 failures, 16 minutes apart");
    }

    @Test
    void aLimitOfZeroNeverRefuses() {
        SignInThrottle off = new SignInThrottle(new SignInThrottle.Limit(5, Duration.ofSeconds(2), Duration.ofSeconds(60)),
                new SignInThrottle.Limit(0, Duration.ofSeconds(2), Duration.ofSeconds(900)), Duration.ofMinutes(15), 1000, ticker);
        for (int i = 0; i < 100; i++) {
            off.failed("invented" + i, "127.0.0.1");
        }
        assertTrue(off.refusal("customer1", "127.0.0.1").isEmpty(), "no per-address limit behind a proxy");
    }

    @Test
    void aHugeInventedLoginIsTrackedLikeAnyOther() {
        String huge = "x".repeat(100_000);
        fail(huge, null, 5);
        assertTrue(throttle.refusal(huge, null).isPresent());
        assertTrue(throttle.refusal(huge + "y", null).isEmpty());
    }
}
