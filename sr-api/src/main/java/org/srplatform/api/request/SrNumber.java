package org.srplatform.api.request;

import java.util.Optional;

/**
 * The key of an SR for every later contact: 11 digits, the first two the year of creation
 * ({@code 26} for 2026), the other nine a sequence shared by every node of the store.
 */
public record SrNumber(long value) implements Comparable<SrNumber> {
    private static final long SEQUENCE_SPAN = 1_000_000_000L;

    public SrNumber {
        if (value < 10_000_000_000L || value > 99_999_999_999L) {
            throw new IllegalArgumentException("an SR number has 11 digits: " + value);
        }
    }

    /**
     * @param year     the year of creation (2000-2099)
     * @param sequence 1 to 999,999,999
     */
    public static SrNumber of(int year, long sequence) {
        int yy = year % 100;
        if (year < 2010 || year > 2099 || sequence < 1 || sequence >= SEQUENCE_SPAN) {
            throw new IllegalArgumentException("no SR number for year " + year + " and sequence " + sequence);
        }
        return new SrNumber(yy * SEQUENCE_SPAN + sequence);
    }

    /** Parses 11 digits; empty for anything else. */
    public static Optional<SrNumber> parse(String text) {
        if (text == null || text.length() != 11 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long v = Long.parseLong(text);
        return v < 10_000_000_000L ? Optional.empty() : Optional.of(new SrNumber(v));
    }

    /** The two-digit year of creation. */
    public int yearOfCentury() {
        return (int) (value / SEQUENCE_SPAN);
    }

    @Override
    public int compareTo(SrNumber other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
