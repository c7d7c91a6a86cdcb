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

/** The administrator guide stays true: its configuration table lists the settings the service reads. */
class AdministratorGuideTest {

    private static final Pattern VARIABLE = Pattern.compile("ROSTERSYNC_[A-Z_]+");

    @Test
    void configurationTableListsExactlyTheVariablesTheServiceReads() throws IOException {
        String guide = Files.readString(Path.of("docs/administrator-guide.md"));
        int start = guide.indexOf("\n## Configuration\n");
        assertTrue(start >= 0, "docs/administrator-guide.md has a section ## Configuration");
        String table = guide.substring(start, guide.indexOf("\n## ", start + 1));
        assertEquals(variables(Files.readString(Path.of("src/main/resources/application.yml"))), variables(table));
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
