package org.rostersync;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README stays a true front door: its commands match the project, its quickstart's sample exists, and it is short. */
class ReadmeTest {

    /** The rest lives in docs/: the README says what rostersync is, the two commands, the quickstart, and where to read on. */
    private static final int MOST_LINES = 200;

    @Test
    void readmeTestCommandIsTheOneCiRuns() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String ci = Files.readString(Path.of(".ci/run"));
        assertTrue(readme.contains("mvn -B verify"));
        assertTrue(ci.contains("mvn -B -ntp verify"));
    }

    @Test
    void quickstartUploadsTheSampleThatExists() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("put samples/oneroster-1.1/minimal/*.csv"));
        assertTrue(Files.isRegularFile(Path.of("samples/oneroster-1.1/minimal/manifest.csv")));
        assertTrue(Files.readString(Path.of("samples/oneroster-1.1/minimal/users.csv")).contains("stu-001,,,true,org-sch-lincoln,student,s001"));
    }

    @Test
    void readmeIsAFrontDoorNotAReference() throws IOException {
        long lines = Files.readAllLines(Path.of("README.md")).size();
        assertTrue(lines < MOST_LINES, "README.md has " + lines + " lines: what is reference belongs in docs/");
    }
}
