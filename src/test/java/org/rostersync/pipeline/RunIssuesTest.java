package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.rostersync.report.Issue;
import org.rostersync.report.IssueCode;
import org.rostersync.report.Outcome;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunIssuesTest {

    @Test
    void oneCodeRepeatingOnEveryRowKeepsItsFirstTwentyFiveThousandAndCountsTheRestWithoutHidingOtherCodes() {
        RunIssues issues = new RunIssues(RunIssues.DEFAULT_CAP);
        for (int line = 2; line < 1_000_002; line++) {
            issues.add(IssueCode.ROW_MISSING_REQUIRED_VALUE.at("users.csv", line).record("u" + line).column("username").message("blank"));
        }
        issues.add(IssueCode.ROW_INVALID_ENUM.at("users.csv", 5).record("u5").column("role").message("bad role"));
        List<Issue> report = issues.toReport();
        assertEquals(1_000_001, issues.count("users.csv", Outcome.error), "counts are exact");
        assertEquals(RunIssues.PER_CODE_CAP, report.stream().filter(i -> i.code().equals("row.missing_required_value")).count());
        assertTrue(report.stream().anyMatch(i -> i.code().equals("row.invalid_enum")), "a rarer code is not crowded out");
        Issue truncated = report.stream().filter(i -> i.code().equals("run.issues_truncated")).findFirst().orElseThrow();
        assertEquals("users.csv", truncated.file());
        assertTrue(truncated.message().startsWith("1000000 issues row.missing_required_value in all; the first 25000 are listed"),
                truncated.message());
    }
}
