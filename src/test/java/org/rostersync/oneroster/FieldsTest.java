package org.rostersync.oneroster;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FieldsTest {

    @Test
    void listsAreSplitOnCommasAndTrimmed() {
        assertEquals(List.of("t1", "t2"), Fields.list("t1, t2"));
        assertEquals(List.of("09", "10", "11"), Fields.list("09,10,11,"));
        assertEquals(List.of(), Fields.list(" , "));
    }

    @Test
    void userIdsNeedTheTypeColonIdentifierForm() {
        assertEquals(List.of(new Fields.UserId("LDAP", "abc"), new Fields.UserId("SIS", "1,2")),
                Fields.userIds("{LDAP:abc},{SIS:1,2}"));
        assertEquals(List.of(new Fields.UserId("LTI", "x")), Fields.userIds(" {LTI:x} "));
        assertNull(Fields.userIds("LDAP:abc"));
        assertNull(Fields.userIds("{LDAP:abc} junk"));
        assertNull(Fields.userIds("{noColon}"));
    }

    @Test
    void datesYearsAndBooleansAreReadStrictlyButBooleansIgnoreCase() {
        assertEquals(LocalDate.of(2026, 8, 17), Fields.date("2026-08-17"));
        assertNull(Fields.date("08/17/2026"));
        assertNull(Fields.date("2026-02-30"));
        assertEquals(2027, Fields.year("2027"));
        assertNull(Fields.year("27"));
        assertEquals(Boolean.TRUE, Fields.bool("TRUE"));
        assertEquals(Boolean.FALSE, Fields.bool("false"));
        assertNull(Fields.bool("yes"));
    }

    @Test
    void dateTimesAcceptTheFormsRealFilesUse() {
        Instant expected = Instant.parse("2023-05-01T18:25:43.511Z");
        assertEquals(expected, Fields.dateTime("2023-05-01T18:25:43.511Z"));
        assertEquals(expected, Fields.dateTime("2023-05-01T20:25:43.511+02:00"));
        assertEquals(expected, Fields.dateTime("2023-05-01 18:25:43.511"));
        assertEquals(Instant.parse("2023-05-01T00:00:00Z"), Fields.dateTime("2023-05-01"));
        assertNull(Fields.dateTime("yesterday"));
    }

    @Test
    void enumValuesAreMatchedWithoutRegardToCaseAndReturnedInTheirOwnSpelling() {
        List<String> types = List.of("homeroom", "scheduled");
        assertEquals("scheduled", Fields.enumValue("Scheduled", types));
        assertEquals("homeroom", Fields.enumValue("homeroom", types));
        assertNull(Fields.enumValue("elective", types));
    }
}
