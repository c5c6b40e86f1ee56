package org.srplatform.api.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SrNumberTest {

    @Test
    void hasElevenDigitsStartingWithTheYear() {
        SrNumber n = SrNumber.of(2026, 42);
        assertEquals("26000000042", n.toString());
        assertEquals(26, n.yearOfCentury());
    }

    @Test
    void parsesOnlyElevenDigits() {
        assertEquals(Optional.of(new SrNumber(26000000042L)), SrNumber.parse("26000000042"));
        assertTrue(SrNumber.parse("2600000004").isEmpty());
        assertTrue(SrNumber.parse("260000000421").isEmpty());
        assertTrue(SrNumber.parse("2600000004x").isEmpty());
        assertTrue(SrNumber.parse("-2600000004").isEmpty());
        assertTrue(SrNumber.parse(null).isEmpty());
    }

    @Test
    void refusesSequencesThatDoNotFitNineDigits() {
        assertThrows(IllegalArgumentException.class, () -> SrNumber.of(2026, 0));
        assertThrows(IllegalArgumentException.class, () -> SrNumber.of(2026, 1_000_000_000L));
    }

    @Test
    void severityOutsideOneToFourIsRefusedWithTheReason() {
        assertEquals(Severity.S1, Severity.of(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Severity.of(5));
        assertTrue(e.getMessage().contains("1, 2, 3 or 4"));
        assertThrows(IllegalArgumentException.class, () -> Severity.of(0));
    }

    @Test
    void closedIsFinalAndWaitingOnCustomerPausesTheClock() {
        assertTrue(SrStatus.CLOSED.next().isEmpty());
        assertTrue(!SrStatus.WAITING_ON_CUSTOMER.slaClockRuns());
        assertTrue(SrStatus.IN_PROGRESS.slaClockRuns());
        assertTrue(!SrStatus.WAITING_ON_VENDOR.slaClockRuns(), "clocks pause while another vendor is worked with");
        assertTrue(!SrStatus.RESOLVED.slaClockRuns());
        assertTrue(SrStatus.RESOLVED.canMoveTo(SrStatus.CLOSED));
        assertTrue(!SrStatus.NEW.canMoveTo(SrStatus.WAITING_ON_CUSTOMER));
    }
}
