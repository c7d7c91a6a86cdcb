package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.intake.inbox.LocalDelivery;
import org.rostersync.report.Issue;
import org.rostersync.report.Outcome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** References within one file may point forward; those that find nothing are named with the row's sourcedId and value. */
class ForwardReferencesTest {

    private static final String USERS = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
            + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n";

    @TempDir
    Path dir;

    @Test
    void missingForwardTargetsAreCountedExactlyAndTheFirstAreNamedWithSourcedIdAndValue() throws IOException {
        int students = ReferencesWithinFile.DETAILED + 200;
        StringBuilder users = new StringBuilder(USERS);
        for (int i = 0; i < students; i++) {
            // every student names a guardian listed later (found) and one never listed (missing)
            users.append("stu-").append(i).append(",,,true,o1,student,s").append(i).append(",,A,B,,,,,,\"par-").append(i)
                    .append(",ghost-").append(i).append("\",09,\n");
        }
        for (int i = 0; i < students; i++) {
            users.append("par-").append(i).append(",,,true,o1,guardian,p").append(i).append(",,C,D,,,,,,,,\n");
        }
        Files.writeString(dir.resolve("manifest.csv"), "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n"
                + "file.orgs,bulk\nfile.users,bulk\n");
        Files.writeString(dir.resolve("orgs.csv"), "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\no1,,,One,school,,\n");
        Files.writeString(dir.resolve("users.csv"), users);

        ValidationReport report = DeliveryValidator.validate(LocalDelivery.open(dir, dir.resolve("zip"), DeliveryValidator.ZIP_ENTRIES));

        assertEquals(students, report.count(Outcome.error), "one missing agent per student, every one counted");
        List<Issue> listed = report.issues().stream().filter(i -> i.code().equals("reference.missing_target")).toList();
        assertEquals(ReferencesWithinFile.DETAILED, listed.size());
        Issue first = listed.get(0);
        assertEquals(2L, first.line());
        assertEquals("stu-0", first.sourcedId());
        assertEquals("agentSourcedIds", first.column());
        assertEquals("ghost-0", first.value());
        assertEquals("agentSourcedIds 'ghost-0' names no record of users.csv; left out", first.message());
        Issue last = listed.get(listed.size() - 1);
        assertEquals("ghost-" + (ReferencesWithinFile.DETAILED - 1), last.value());
        assertNull(report.issues().stream().filter(i -> "par-0".equals(i.value())).findAny().orElse(null),
                "a guardian listed after the student is found");
    }
}
