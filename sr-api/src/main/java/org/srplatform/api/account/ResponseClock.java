package org.srplatform.api.account;

/** How a first-response target is counted. */
public enum ResponseClock {
    /** Wall-clock time, around the clock (Production, severity 1). */
    AROUND_THE_CLOCK,
    /** Only the product's support hours count. */
    SUPPORT_HOURS,
    /** By the end of the next business day in the product's support hours. */
    NEXT_BUSINESS_DAY
}
