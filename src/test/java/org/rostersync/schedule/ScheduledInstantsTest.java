package org.rostersync.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.ScheduleSettings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exactly one run per scheduled instant, right across the daylight-saving changes of 2026 and 2027. */
class ScheduledInstantsTest {

    private static Schedule schedule(String json) {
        return settings(json).toSchedule();
    }

    private static ScheduleSettings settings(String json) {
        try {
            return io.micronaut.json.JsonMapper.createDefault().readValue(json, ScheduleSettings.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The transition day itself, and the days either side: one run each, at the instant the case gives for the day. */
    @ParameterizedTest(name = "{0} {1} at {2}")
    @CsvSource({
            // zone, transition day, start time, the day before, the transition day, the day after (UTC)
            "America/New_York, 2026-03-08, 02:00, 2026-03-07T07:00:00Z, 2026-03-08T07:00:00Z, 2026-03-09T06:00:00Z",
            "America/New_York, 2026-11-01, 02:00, 2026-10-31T06:00:00Z, 2026-11-01T07:00:00Z, 2026-11-02T07:00:00Z",
            "America/New_York, 2026-11-01, 01:30, 2026-10-31T05:30:00Z, 2026-11-01T05:30:00Z, 2026-11-02T06:30:00Z",
            "America/New_York, 2027-03-14, 02:00, 2027-03-13T07:00:00Z, 2027-03-14T07:00:00Z, 2027-03-15T06:00:00Z",
            "America/New_York, 2027-03-14, 02:30, 2027-03-13T07:30:00Z, 2027-03-14T07:30:00Z, 2027-03-15T06:30:00Z",
            "America/New_York, 2027-11-07, 01:00, 2027-11-06T05:00:00Z, 2027-11-07T05:00:00Z, 2027-11-08T06:00:00Z",
            "Europe/Berlin, 2026-03-29, 02:00, 2026-03-28T01:00:00Z, 2026-03-29T01:00:00Z, 2026-03-30T00:00:00Z",
            "Europe/Berlin, 2026-10-25, 02:30, 2026-10-24T00:30:00Z, 2026-10-25T00:30:00Z, 2026-10-26T01:30:00Z",
            "Europe/Berlin, 2027-03-28, 02:15, 2027-03-27T01:15:00Z, 2027-03-28T01:15:00Z, 2027-03-29T00:15:00Z",
            "Europe/Berlin, 2027-10-31, 02:00, 2027-10-30T00:00:00Z, 2027-10-31T00:00:00Z, 2027-11-01T01:00:00Z",
    })
    void aDailyRunHappensOnceOnEachDayAcrossAChangeOfTheClocks(String zone, LocalDate day, String time, Instant before,
                                                                Instant on, Instant after) {
        Schedule s = schedule("{\"timeZone\":\"" + zone + "\",\"startTime\":\"" + time + "\"}");
        Instant from = day.minusDays(1).atStartOfDay(ZoneId.of(zone)).toInstant();
        assertEquals(List.of(before, on, after), ScheduledInstants.upcoming(s, from, 3));
        assertEquals(List.of(on), ScheduledInstants.on(s, day), "one run on the transition day");
    }

    @Test
    void repeatsOnASpringForwardDaySkipTheMissingHourAndNeverRunTwiceAtOneInstant() {
        Schedule s = schedule("{\"startTime\":\"01:00\",\"repeatEveryMinutes\":30,\"repeatUntil\":\"04:00\"}");
        // 02:00 and 02:30 do not exist on 8 March 2026 in New York: they become 03:00 and 03:30, which run once each
        assertEquals(List.of(Instant.parse("2026-03-08T06:00:00Z"), Instant.parse("2026-03-08T06:30:00Z"),
                Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-03-08T07:30:00Z"), Instant.parse("2026-03-08T08:00:00Z")),
                ScheduledInstants.on(s, LocalDate.of(2026, 3, 8)));
    }

    @Test
    void repeatsOnAFallBackDayRunEachWallClockTimeOnce() {
        Schedule s = schedule("{\"startTime\":\"01:00\",\"repeatEveryMinutes\":30,\"repeatUntil\":\"03:00\"}");
        // 01:00 and 01:30 happen twice on 1 November 2026 in New York: each runs at its first occurrence only
        assertEquals(List.of(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-01T05:30:00Z"),
                Instant.parse("2026-11-01T07:00:00Z"), Instant.parse("2026-11-01T07:30:00Z"), Instant.parse("2026-11-01T08:00:00Z")),
                ScheduledInstants.on(s, LocalDate.of(2026, 11, 1)));
    }

    @Test
    void blackoutsDaysOfTheWeekAndTheDateRangeLeaveDaysWithoutRuns() {
        Schedule s = schedule("{\"timeZone\":\"UTC\",\"days\":[\"mon\",\"Wednesday\"],\"startDate\":\"2027-06-01\","
                + "\"endDate\":\"2027-06-30\",\"blackouts\":[{\"from\":\"2027-06-07\",\"to\":\"2027-06-13\",\"note\":\"exams\"}]}");
        assertEquals(List.of(Instant.parse("2027-06-02T02:00:00Z"), Instant.parse("2027-06-14T02:00:00Z"),
                Instant.parse("2027-06-16T02:00:00Z"), Instant.parse("2027-06-21T02:00:00Z"), Instant.parse("2027-06-23T02:00:00Z"),
                Instant.parse("2027-06-28T02:00:00Z"), Instant.parse("2027-06-30T02:00:00Z")),
                ScheduledInstants.upcoming(s, Instant.parse("2027-01-01T00:00:00Z"), 100));
    }

    @Test
    void aDisabledScheduleHasNoNextRun() {
        assertTrue(ScheduledInstants.next(schedule("{\"enabled\":false}"), Instant.parse("2027-01-01T00:00:00Z")).isEmpty());
        assertTrue(ScheduledInstants.next(schedule("{\"days\":[]}"), Instant.parse("2027-01-01T00:00:00Z")).isEmpty());
    }

    @Test
    void theDefaultIsEveryNightAtTwoInNewYork() {
        assertEquals(List.of(Instant.parse("2026-12-02T07:00:00Z"), Instant.parse("2026-12-03T07:00:00Z")),
                ScheduledInstants.upcoming(ScheduleSettings.DEFAULTS.toSchedule(), Instant.parse("2026-12-02T06:59:59Z"), 2));
    }

    @Test
    void theTextFormReadsBackAsTheSameSchedule() {
        Schedule s = schedule("{\"timeZone\":\"Europe/Berlin\",\"days\":[\"fri\",\"mon\"],\"startTime\":\"05:15\","
                + "\"repeatEveryMinutes\":60,\"repeatUntil\":\"09:15\",\"blackouts\":[{\"from\":\"2027-07-01\",\"to\":\"2027-08-31\"}],"
                + "\"runOnArrival\":true,\"arrivalQuietMinutes\":10}");
        ScheduleSettings text = ScheduleSettings.of(s);
        assertEquals(List.of("monday", "friday"), text.days());
        assertEquals(s, text.toSchedule());
    }
}
