package org.rostersync.api.oneroster;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimestampsTest {

    @Property
    void printsWhatIsoInstantPrintsForTheInstantCutToMilliseconds(
            @ForAll @LongRange(min = -62_167_219_200_000L, max = 253_402_300_799_999L) long epochMilli,
            @ForAll @LongRange(min = 0, max = 999_999) long extraNanos) {
        Instant instant = Instant.ofEpochMilli(epochMilli).plusNanos(extraNanos);
        Timestamps timestamps = new Timestamps();
        String expected = DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
        assertEquals(expected, timestamps.format(instant));
        assertEquals(expected, timestamps.format(instant), "the kept last value");
    }

    @Test
    void millisecondsArePrintedInThreeDigitsAndLeftOutWhenZero() {
        Timestamps timestamps = new Timestamps();
        assertEquals("2026-11-25T07:00:00Z", timestamps.format(Instant.parse("2026-11-25T07:00:00Z")));
        assertEquals("2026-11-25T07:00:00.120Z", timestamps.format(Instant.parse("2026-11-25T07:00:00.120999Z")));
        assertEquals("2026-11-25T07:00:00.007Z", timestamps.format(Instant.parse("2026-11-25T07:00:00.007Z")));
        assertEquals("0999-01-01T00:00:00Z", timestamps.format(Instant.parse("0999-01-01T00:00:00Z")));
    }
}
