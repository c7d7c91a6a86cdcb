package org.rostersync;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.Fixture;
import org.rostersync.support.Zips;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rostersync validate}: the run's checks, offline, with an exit status a vendor's script can use. */
class ValidateCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void cleanSampleExitsZeroWithASummaryPerFile() {
        assertEquals(0, validate(Fixture.SAMPLE.toString()), stderr());
        String text = stdout();
        assertTrue(text.contains("users.csv"), text);
        assertTrue(text.matches("(?s).*users\\.csv\\s+bulk\\s+50\\s+50\\s+0\\s+0\\s+0.*"), text);
        assertTrue(text.contains("0 fatal, 0 errors, 0 skipped, 0 warnings"), text);
    }

    @Test
    void zipOfTheSampleValidatesLikeTheFolder() throws IOException {
        Path zip = Files.write(dir.resolve("riverside.zip"), Zips.zipFolder(Fixture.SAMPLE, ""));
        assertEquals(0, validate(zip.toString()), stdout() + stderr());
        assertTrue(stdout().contains("enrollments.csv"));
    }

    @Test
    void brokenRowsExitOneAndAreListedWithFileLineAndColumn() throws IOException {
        Path delivery = copySample();
        Files.writeString(delivery.resolve("users.csv"), Files.readString(delivery.resolve("users.csv"))
                + "stu-999,,,maybe,org-sch-lincoln,student,s999,,Ann,Lee,,,,,,,,\r\n");
        assertEquals(1, validate(delivery.toString()));
        assertTrue(stdout().contains("users.csv:52 column enabledUser sourcedId stu-999: error row.invalid_boolean"), stdout());
    }

    @Test
    void jsonOutputCarriesFilesAndIssues() throws IOException {
        Path delivery = copySample();
        Files.writeString(delivery.resolve("orgs.csv"), Files.readString(delivery.resolve("orgs.csv")) + "x1,,,X,campus,,\r\n");
        assertEquals(1, validate(delivery.toString(), "--format", "json"));
        Map<String, Object> json = JsonMapper.createDefault().readValue(out.toByteArray(), Argument.mapOf(String.class, Object.class));
        assertEquals(7, ((List<?>) json.get("files")).size());
        Map<?, ?> issue = (Map<?, ?>) ((List<?>) json.get("issues")).get(0);
        assertEquals("row.invalid_enum", issue.get("code"));
        assertEquals(6, ((Number) issue.get("line")).intValue());
        assertEquals("type", issue.get("column"));
    }

    @Test
    void csvOutputNeutralisesCellsASpreadsheetWouldRunAsFormulas() throws IOException {
        Path delivery = copySample();
        Files.writeString(delivery.resolve("orgs.csv"), Files.readString(delivery.resolve("orgs.csv"))
                + "=HYPERLINK(\"http://x\"),,,X,campus,,\r\n");
        assertEquals(1, validate(delivery.toString(), "--format=csv"));
        String csv = stdout();
        assertTrue(csv.startsWith("file,line,sourcedId,column,code,outcome,message"), csv);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), csv);
    }

    @Test
    void unreadableDeliveriesAndBadArgumentsExitTwo() throws IOException {
        assertEquals(2, validate(dir.resolve("nothing-here").toString()));
        assertTrue(stderr().contains("does not exist"), stderr());
        assertEquals(2, validate(Files.writeString(dir.resolve("users.csv"), "x").toString()));
        assertEquals(2, validate(Files.write(dir.resolve("broken.zip"), new byte[]{1, 2, 3}).toString()));
        assertEquals(2, validate(Files.createDirectories(dir.resolve("empty")).toString()));
        assertEquals(2, validate());
        assertEquals(2, validate(Fixture.SAMPLE.toString(), "--format", "xml"));
    }

    @Test
    void publicSamplesAreJudgedByTheirQuirks() {
        assertEquals(0, validate("src/test/resources/public-samples/v1p1_Test_minimal_data_set"), stdout());
        assertTrue(stdout().contains("warning row.value_case: classType 'Scheduled'"), stdout());

        out.reset();
        assertEquals(0, validate("src/test/resources/public-samples/lepo-en"), "every field quoted, even empty ones: " + stdout());

        out.reset();
        assertEquals(0, validate("src/test/resources/public-samples/v1p1_Test_full_data_set"), stdout());
        assertTrue(stdout().contains("warning row.legacy_status: status 'inactive'"), stdout());

        out.reset();
        assertEquals(1, validate("src/test/resources/public-samples/OneRosterv1p1BaseCSV"), stdout());
        String base = stdout();
        assertTrue(base.contains("demographics.csv:1 column sourcedId: fatal schema.missing_header"), "a 1.0 demographics layout: " + base);
        assertTrue(base.contains("column 'userId' is not part of OneRoster 1.1 users.csv"), base);
        assertTrue(base.contains("column 'ext_tao_userMotherName'"), base);
    }

    private int validate(String... args) {
        return new ValidateCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
    }

    private Path copySample() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("delivery"));
        try (var files = Files.list(Fixture.SAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
