package org.rostersync;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README stays true: its configuration table and its commands match the project. */
class ReadmeTest {

    private static final Pattern VARIABLE = Pattern.compile("ROSTERSYNC_[A-Z_]+");

    @Test
    void configurationTableListsExactlyTheVariablesTheServiceReads() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## APIs"));
        assertEquals(variables(Files.readString(Path.of("src/main/resources/application.yml"))), variables(table));
    }

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

    private static TreeSet<String> variables(String text) {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
