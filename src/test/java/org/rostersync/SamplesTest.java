package org.rostersync;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** samples/oneroster-1.1/README.md says what each sample is and what validate says of it: this holds it true. */
class SamplesTest {

    private static final String SAMPLES = "samples/oneroster-1.1/";

    @Test
    void cleanSamplesValidateWithoutAnyIssue() {
        for (String sample : List.of("minimal", "delta", "zip/riverside-minimal.zip")) {
            Result r = validate(SAMPLES + sample);
            assertEquals(0, r.exit(), sample + "\n" + r.output());
            assertTrue(r.output().contains("0 fatal, 0 errors, 0 skipped, 0 warnings"), sample + "\n" + r.output());
        }
    }

    @Test
    void brokenSampleReportsEachMistakeOnItsLine() {
        Result r = validate(SAMPLES + "broken");
        assertEquals(1, r.exit(), r.output());
        for (String expected : List.of(
                "orgs.csv:4 column type sourcedId org-sch-muir: warning row.value_case",
                "orgs.csv:5 column type sourcedId org-sch-poly: skipped row.invalid_enum",
                "users.csv:3 column enabledUser sourcedId stu-002: error row.invalid_boolean",
                "users.csv:4 column sourcedId: skipped row.missing_required_value",
                "users.csv:5 column orgSourcedIds sourcedId stu-004: skipped reference.missing_target",
                "users.csv:6 column sourcedId sourcedId stu-001: skipped reference.duplicate_sourced_id",
                "users.csv:7 column role sourcedId stu-006: skipped row.invalid_enum",
                "users.csv:8 column username sourcedId tch-001: error row.missing_required_value",
                "0 fatal, 2 errors, 5 skipped, 1 warnings")) {
            assertTrue(r.output().contains(expected), expected + "\n" + r.output());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result validate(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = new ValidateCommand(print, print).run(List.of(path));
        return new Result(exit, out.toString(StandardCharsets.UTF_8));
    }
}
