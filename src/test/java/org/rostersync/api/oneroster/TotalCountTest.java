package org.rostersync.api.oneroster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** X-Total-Count is counted once per selection and reused, but never past a run that changed the roster. */
@ExtendWith(RunningApp.class)
class TotalCountTest {

    @Test
    void aTotalCountedBeforeARunIsCountedAgainAfterIt(RunningApp.App app) {
        Fixture f = Fixture.create(app, "Counted district").withoutSafeguards();
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"));
        List<String> paths = List.of("/users?limit=2", "/users?limit=2&filter=role%3D'student'");
        List<Integer> before = List.of(all(f, "/users?limit=1000"), all(f, "/users?limit=1000&filter=role%3D'student'"));
        for (int i = 0; i < paths.size(); i++) {
            for (int asked = 0; asked < 3; asked++) { // counted, then reused
                assertEquals(Integer.toString(before.get(i)), f.oneRoster(paths.get(i)).header("X-Total-Count"), paths.get(i));
            }
        }

        for (String file : List.of("orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv", "demographics.csv")) {
            f.remove(file);
        }
        f.deliver(Path.of("samples", "oneroster-1.1", "delta")); // one more student
        assertEquals("succeeded", f.run().get("status"));

        List<Integer> after = List.of(all(f, "/users?limit=1000"), all(f, "/users?limit=1000&filter=role%3D'student'"));
        assertEquals(List.of(before.get(0) + 1, before.get(1) + 1), after);
        for (int i = 0; i < paths.size(); i++) {
            assertEquals(Integer.toString(after.get(i)), f.oneRoster(paths.get(i)).header("X-Total-Count"), paths.get(i));
        }
    }

    /** The records of a page that holds them all: counted from the records themselves, not from any total. */
    private static int all(Fixture f, String path) {
        RunningApp.Response r = f.oneRoster(path);
        int records = ((List<?>) ((Map<?, ?>) r.map()).get("users")).size();
        assertEquals(Integer.toString(records), r.header("X-Total-Count"));
        return records;
    }
}
