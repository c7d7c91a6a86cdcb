package org.rostersync.api.oneroster;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.rostersync.roster.Condition;
import org.rostersync.roster.Related;
import org.rostersync.roster.Related.Link;

import java.util.List;

import static org.rostersync.api.oneroster.Reads.Parent;

/**
 * Every rostering read of the OneRoster 1.1 REST binding, always within the calling client's tenant (and sources and
 * schools). Each route only says which records it serves; {@link Reads} does the rest.
 */
@Controller(OneRosterController.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@RateLimited
class OneRosterController {

    static final String BASE = "/ims/oneroster/v1p1";

    private final Reads reads;

    OneRosterController(Reads reads) {
        this.reads = reads;
    }

    // academic sessions, grading periods, terms

    @Get("/academicSessions")
    MutableHttpResponse<?> academicSessions(HttpRequest<?> r) {
        return reads.collection(r, Kind.ACADEMIC_SESSIONS);
    }

    @Get("/academicSessions/{id}")
    MutableHttpResponse<?> academicSession(HttpRequest<?> r, String id) {
        return reads.single(r, Kind.ACADEMIC_SESSIONS, id);
    }

    @Get("/gradingPeriods")
    MutableHttpResponse<?> gradingPeriods(HttpRequest<?> r) {
        return reads.collection(r, Kind.GRADING_PERIODS);
    }

    @Get("/gradingPeriods/{id}")
    MutableHttpResponse<?> gradingPeriod(HttpRequest<?> r, String id) {
        return reads.single(r, Kind.GRADING_PERIODS, id);
    }

    @Get("/terms")
    MutableHttpResponse<?> terms(HttpRequest<?> r) {
        return reads.collection(r, Kind.TERMS);
    }

    @Get("/terms/{id}")
    MutableHttpResponse<?> term(HttpRequest<?> r, String id) {
        return reads.single(r, Kind.TERMS, id);
    }

    @Get("/terms/{id}/classes")
    MutableHttpResponse<?> classesForTerm(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.CLASSES, List.of(new Parent(Kind.TERMS, id)), Condition.eq("terms.sourcedId", id));
    }

    @Get("/terms/{id}/gradingPeriods")
    MutableHttpResponse<?> gradingPeriodsForTerm(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.GRADING_PERIODS, List.of(new Parent(Kind.TERMS, id)), Condition.eq("parent.sourcedId", id));
    }

    // classes

    @Get("/classes")
    MutableHttpResponse<?> classes(HttpRequest<?> r) {
        return reads.collection(r, Kind.CLASSES);
    }

    @Get("/classes/{id}")
    MutableHttpResponse<?> oneClass(HttpRequest<?> r, String id) {
        return reads.single(r, Kind.CLASSES, id);
    }

    @Get("/classes/{id}/students")
    MutableHttpResponse<?> studentsForClass(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.USERS, List.of(new Parent(Kind.CLASSES, id)), new Related(Link.USERS_IN_CLASS, id, "student", null));
    }

    @Get("/classes/{id}/teachers")
    MutableHttpResponse<?> teachersForClass(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.USERS, List.of(new Parent(Kind.CLASSES, id)), new Related(Link.USERS_IN_CLASS, id, "teacher", null));
    }

    // courses

    @Get("/courses")
    MutableHttpResponse<?> courses(HttpRequest<?> r) {
        return reads.collection(r, Kind.COURSES);
    }

    @Get("/courses/{id}")
    MutableHttpResponse<?> course(HttpRequest<?> r, String id) {
        return reads.single(r, Kind.COURSES, id);
    }

    @Get("/courses/{id}/classes")
    MutableHttpResponse<?> classesForCourse(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.CLASSES, List.of(new Parent(Kind.COURSES, id)), Condition.eq("course.sourcedId", id));
    }

    // demographics, enrollments

    @Get("/demographics")
    MutableHttpResponse<?> demographics(HttpRequest<?> r) {
        return reads.collection(r, Kind.DEMOGRAPHICS);
    }

    @Get("/demographics/{id}")
    MutableHttpResponse<?> demographicsOf(HttpRequest<?> r, String id) {
        return reads.single(r, Kind.DEMOGRAPHICS, id);
    }

    @Get("/enrollments")
    MutableHttpResponse<?> enrollments(HttpRequest<?> r) {
        return reads.collection(r, Kind.ENROLLMENTS);
    }

    @Get("/enrollments/{id}")
    MutableHttpResponse<?> enrollment(HttpRequest<?> r, String id) {
        return reads.single(r, Kind.ENROLLMENTS, id);
    }

    // orgs and schools

    @Get("/orgs")
    MutableHttpResponse<?> orgs(HttpRequest<?> r) {
        return reads.collection(r, Kind.ORGS);
    }

    @Get("/orgs/{id}")
    MutableHttpResponse<?> org(HttpRequest<?> r, String id) {
        return reads.single(r, Kind.ORGS, id);
    }

    @Get("/schools")
    MutableHttpResponse<?> schools(HttpRequest<?> r) {
        return reads.collection(r, Kind.SCHOOLS);
    }

    @Get("/schools/{id}")
    MutableHttpResponse<?> school(HttpRequest<?> r, String id) {
        return reads.single(r, Kind.SCHOOLS, id);
    }

    @Get("/schools/{id}/courses")
    MutableHttpResponse<?> coursesForSchool(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.COURSES, school(id), Condition.eq("org.sourcedId", id));
    }

    @Get("/schools/{id}/classes")
    MutableHttpResponse<?> classesForSchool(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.CLASSES, school(id), Condition.eq("school.sourcedId", id));
    }

    @Get("/schools/{id}/enrollments")
    MutableHttpResponse<?> enrollmentsForSchool(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.ENROLLMENTS, school(id), Condition.eq("school.sourcedId", id));
    }

    /** The academic sessions the school's classes are taught in (whatever their type: 1.1 calls them all terms here). */
    @Get("/schools/{id}/terms")
    MutableHttpResponse<?> termsForSchool(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.ACADEMIC_SESSIONS, school(id), new Related(Link.SESSIONS_OF_SCHOOL, id, null, null));
    }

    @Get("/schools/{id}/students")
    MutableHttpResponse<?> studentsForSchool(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.STUDENTS, school(id), Condition.eq("orgs.sourcedId", id));
    }

    @Get("/schools/{id}/teachers")
    MutableHttpResponse<?> teachersForSchool(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.TEACHERS, school(id), Condition.eq("orgs.sourcedId", id));
    }

    @Get("/schools/{id}/classes/{classId}/enrollments")
    MutableHttpResponse<?> enrollmentsForClassInSchool(HttpRequest<?> r, String id, String classId) {
        return reads.nested(r, Kind.ENROLLMENTS, classInSchool(id, classId),
                Condition.eq("school.sourcedId", id), Condition.eq("class.sourcedId", classId));
    }

    @Get("/schools/{id}/classes/{classId}/students")
    MutableHttpResponse<?> studentsForClassInSchool(HttpRequest<?> r, String id, String classId) {
        return reads.nested(r, Kind.USERS, classInSchool(id, classId), new Related(Link.USERS_IN_CLASS, classId, "student", id));
    }

    @Get("/schools/{id}/classes/{classId}/teachers")
    MutableHttpResponse<?> teachersForClassInSchool(HttpRequest<?> r, String id, String classId) {
        return reads.nested(r, Kind.USERS, classInSchool(id, classId), new Related(Link.USERS_IN_CLASS, classId, "teacher", id));
    }

    // users, students, teachers

    @Get("/users")
    MutableHttpResponse<?> users(HttpRequest<?> r) {
        return reads.collection(r, Kind.USERS);
    }

    @Get("/users/{id}")
    MutableHttpResponse<?> user(HttpRequest<?> r, String id) {
        return reads.single(r, Kind.USERS, id);
    }

    @Get("/users/{id}/classes")
    MutableHttpResponse<?> classesForUser(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.CLASSES, List.of(new Parent(Kind.USERS, id)), new Related(Link.CLASSES_OF_USER, id, null, null));
    }

    @Get("/students")
    MutableHttpResponse<?> students(HttpRequest<?> r) {
        return reads.collection(r, Kind.STUDENTS);
    }

    @Get("/students/{id}")
    MutableHttpResponse<?> student(HttpRequest<?> r, String id) {
        return reads.single(r, Kind.STUDENTS, id);
    }

    @Get("/students/{id}/classes")
    MutableHttpResponse<?> classesForStudent(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.CLASSES, List.of(new Parent(Kind.STUDENTS, id)), new Related(Link.CLASSES_OF_USER, id, null, null));
    }

    @Get("/teachers")
    MutableHttpResponse<?> teachers(HttpRequest<?> r) {
        return reads.collection(r, Kind.TEACHERS);
    }

    @Get("/teachers/{id}")
    MutableHttpResponse<?> teacher(HttpRequest<?> r, String id) {
        return reads.single(r, Kind.TEACHERS, id);
    }

    @Get("/teachers/{id}/classes")
    MutableHttpResponse<?> classesForTeacher(HttpRequest<?> r, String id) {
        return reads.nested(r, Kind.CLASSES, List.of(new Parent(Kind.TEACHERS, id)), new Related(Link.CLASSES_OF_USER, id, null, null));
    }

    private static List<Parent> school(String id) {
        return List.of(new Parent(Kind.SCHOOLS, id));
    }

    /** The school, and the class at that school. */
    private static List<Parent> classInSchool(String schoolId, String classId) {
        return List.of(new Parent(Kind.SCHOOLS, schoolId),
                new Parent(Kind.CLASSES, classId, List.of(Condition.eq("school.sourcedId", schoolId))));
    }
}
