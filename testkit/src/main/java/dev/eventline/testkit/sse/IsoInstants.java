package dev.eventline.testkit.sse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads UTC instants as {@link Instant#toString()} writes them ({@code 2026-11-30T06:09:30.123Z}, with
 * 0 to 9 fraction digits) straight from bytes, for the load generator's per-event latency. At hundreds
 * of thousands of events a second, {@link Instant#parse}'s general formatter cost more CPU than the
 * rest of the parsing together, and that CPU is taken from the server being measured on the same cores.
 * Anything else falls back to {@link Instant#parse}, so the answer is always the same as its.
 *
 * <p>Stateless and thread-safe.
 */
final class IsoInstants {

    private static final int SECOND_END = "2026-11-30T06:09:30".length();

    private IsoInstants() {}

    /** Epoch milliseconds of the instant in {@code bytes[from..from+length)} (fraction truncated). */
    static long epochMillis(byte[] bytes, int from, int length) {
        if (length >= SECOND_END + 1
                && bytes[from + length - 1] == 'Z'
                && bytes[from + 4] == '-'
                && bytes[from + 7] == '-'
                && bytes[from + 10] == 'T'
                && bytes[from + 13] == ':'
                && bytes[from + 16] == ':') {
            int year = digits(bytes, from, 4);
            int month = digits(bytes, from + 5, 2);
            int day = digits(bytes, from + 8, 2);
            int hour = digits(bytes, from + 11, 2);
            int minute = digits(bytes, from + 14, 2);
            int second = digits(bytes, from + 17, 2);
            int millis = fractionMillis(bytes, from + SECOND_END, from + length - 1);
            if (year >= 0
                    && valid(month, 1, 12)
                    && valid(day, 1, monthLength(year, month))
                    && valid(hour, 0, 23)
                    && valid(minute, 0, 59)
                    && valid(second, 0, 59)
                    && millis >= 0) {
                long days = daysFromCivil(year, month, day);
                return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1_000L + millis;
            }
        }
        return Instant.parse(new String(bytes, from, length, StandardCharsets.US_ASCII))
                .toEpochMilli();
    }

    /** The value of {@code count} ASCII digits, or -1 when one is not a digit. */
    private static int digits(byte[] bytes, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Milliseconds of an optional {@code .fraction} in {@code [from, end)}: 0 when empty, -1 if malformed. */
    private static int fractionMillis(byte[] bytes, int from, int end) {
        if (from == end) {
            return 0;
        }
        int count = end - from - 1;
        if (bytes[from] != '.' || count < 1 || count > 9 || digits(bytes, from + 1, count) < 0) {
            return -1;
        }
        // The first three digits, as milliseconds: ".5" is 500, ".123456" is 123.
        int millis = digits(bytes, from + 1, Math.min(3, count));
        for (int i = count; i < 3; i++) {
            millis *= 10;
        }
        return millis;
    }

    private static int monthLength(int year, int month) {
        if (month == 2) {
            boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    private static boolean valid(int value, int min, int max) {
        return value >= min && value <= max;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse, by eras of 400 years). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }
}
