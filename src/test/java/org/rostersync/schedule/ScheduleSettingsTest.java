package org.rostersync.schedule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.ScheduleSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A schedule that cannot be taken is refused, naming the field, never silently changed. */
class ScheduleSettingsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"timeZone\":\"EST\"}                                          | timeZone             | IANA",
            "{\"timeZone\":\"Mars/Olympus\"}                                 | timeZone             | not a known",
            "{\"startTime\":\"2:00\"}                                        | startTime            | HH:mm",
            "{\"startTime\":\"25:00\"}                                       | startTime            | not a time of day",
            "{\"days\":[\"funday\"]}                                         | days                 | funday",
            "{\"repeatEveryMinutes\":3,\"repeatUntil\":\"05:00\"}            | repeatEveryMinutes   | from 5",
            "{\"repeatEveryMinutes\":30}                                     | repeatUntil          | needed",
            "{\"repeatEveryMinutes\":30,\"repeatUntil\":\"01:00\"}           | repeatUntil          | later in the day",
            "{\"repeatUntil\":\"05:00\"}                                     | repeatUntil          | only taken",
            "{\"startDate\":\"2027-09-01\",\"endDate\":\"2027-06-30\"}       | endDate              | before startDate",
            "{\"startDate\":\"1/9/2027\"}                                    | startDate            | yyyy-MM-dd",
            "{\"blackouts\":[{\"from\":\"2027-08-31\",\"to\":\"2027-07-01\"}]} | blackouts[0].to    | before its from",
            "{\"blackouts\":[{\"from\":\"2027-07-01\"}]}                     | blackouts[0]         | needs from and to",
            "{\"arrivalQuietMinutes\":0}                                     | arrivalQuietMinutes  | from 1",
    })
    void aBadValueIsRefusedNamingItsField(String json, String field, String words) throws Exception {
        ScheduleSettings settings = io.micronaut.json.JsonMapper.createDefault().readValue(json, ScheduleSettings.class);
        InvalidSettingException e = assertThrows(InvalidSettingException.class, settings::toSchedule);
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }
}
