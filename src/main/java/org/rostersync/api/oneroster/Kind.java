package org.rostersync.api.oneroster;

import org.rostersync.oneroster.RosterFile;
import org.rostersync.roster.Condition;
import org.rostersync.roster.Constraint;

import java.util.List;

/**
 * What a path of the 1.1 binding serves: records of one file, possibly only some of them (schools are orgs of type
 * school), under the envelope keys the spec's typed responses use (schools come as {@code orgs}/{@code org}).
 * Teachers are users of role {@code teacher} only: aides, proctors and administrators are served by {@code /users}.
 */
enum Kind {
    ACADEMIC_SESSIONS(RosterFile.ACADEMIC_SESSIONS, "academicSessions", "academicSession", "academic session", List.of()),
    GRADING_PERIODS(RosterFile.ACADEMIC_SESSIONS, "academicSessions", "academicSession", "grading period",
            List.of(Condition.eq("type", "gradingPeriod"))),
    TERMS(RosterFile.ACADEMIC_SESSIONS, "academicSessions", "academicSession", "term", List.of(Condition.eq("type", "term"))),
    CLASSES(RosterFile.CLASSES, "classes", "class", "class", List.of()),
    COURSES(RosterFile.COURSES, "courses", "course", "course", List.of()),
    DEMOGRAPHICS(RosterFile.DEMOGRAPHICS, "demographics", "demographics", "demographics", List.of()),
    ENROLLMENTS(RosterFile.ENROLLMENTS, "enrollments", "enrollment", "enrollment", List.of()),
    ORGS(RosterFile.ORGS, "orgs", "org", "org", List.of()),
    SCHOOLS(RosterFile.ORGS, "orgs", "org", "school", List.of(Condition.eq("type", "school"))),
    USERS(RosterFile.USERS, "users", "user", "user", List.of()),
    STUDENTS(RosterFile.USERS, "users", "user", "student", List.of(Condition.eq("role", "student"))),
    TEACHERS(RosterFile.USERS, "users", "user", "teacher", List.of(Condition.eq("role", "teacher")));

    final RosterFile file;
    /** The key of a collection. */
    final String plural;
    /** The key of a single record. */
    final String singular;
    /** How an error names one of them. */
    final String noun;
    /** What makes a record of the file one of these. */
    final List<Constraint> fixed;

    Kind(RosterFile file, String plural, String singular, String noun, List<Constraint> fixed) {
        this.file = file;
        this.plural = plural;
        this.singular = singular;
        this.noun = noun;
        this.fixed = fixed;
    }
}
