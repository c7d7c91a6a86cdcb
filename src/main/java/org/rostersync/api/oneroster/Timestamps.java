package org.rostersync.api.oneroster;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Datetimes as the API writes them: UTC, to the millisecond, exactly as {@link DateTimeFormatter#ISO_INSTANT} prints
 * an instant cut to milliseconds ({@code 2026-11-25T07:00:00Z}, {@code 2026-11-25T07:00:00.120Z}), but without the
 * formatter's machinery, which cost an eighth of a page of users; and the last one is kept, since the records of one
 * delivery mostly share their dateLastModified. One per response: not thread-safe.
 */
final class Timestamps {

    private Instant last;
    private String lastText;

    String format(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        if (millis.equals(last)) {
            return lastText;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(millis.getEpochSecond(), 0, ZoneOffset.UTC);
        String text;
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            text = DateTimeFormatter.ISO_INSTANT.format(millis); // signs and wide years: the formatter's own rules
        } else {
            StringBuilder b = new StringBuilder(24).append(t.getYear()).append('-');
            two(b, t.getMonthValue()).append('-');
            two(b, t.getDayOfMonth()).append('T');
            two(b, t.getHour()).append(':');
            two(b, t.getMinute()).append(':');
            two(b, t.getSecond());
            int ms = millis.getNano() / 1_000_000;
            if (ms > 0) {
                b.append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
            }
            text = b.append('Z').toString();
        }
        last = millis;
        lastText = text;
        return text;
    }

    private static StringBuilder two(StringBuilder b, int value) {
        return b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
