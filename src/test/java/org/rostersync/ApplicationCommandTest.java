package org.rostersync;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which command {@code java -jar rostersync.jar ...} runs. */
class ApplicationCommandTest {

    @Test
    void helpInEachSpellingPrintsUsageInsteadOfStartingTheServer() {
        for (String help : new String[] {"help", "--help", "-h"}) {
            assertEquals("help", Application.command(new String[] {help}), help);
        }
        assertEquals("help", Application.command(new String[] {"serve", "--help"}));
        assertEquals("help", Application.command(new String[] {"-Dmicronaut.server.port=8081", "-h"}));
    }

    @Test
    void versionInEachSpellingPrintsTheVersionInsteadOfStartingTheServer() {
        for (String version : new String[] {"version", "--version", "-V"}) {
            assertEquals("version", Application.command(new String[] {version}), version);
        }
        assertEquals("version", Application.command(new String[] {"serve", "--version"}));
        assertEquals("version", Application.command(new String[] {"-Dmicronaut.server.port=8081", "-V"}));
    }

    @Test
    void noArgumentOrAnOptionOfServesStartsTheServerAndAWordNamesItsCommand() {
        assertEquals("serve", Application.command(new String[0]));
        assertEquals("serve", Application.command(new String[] {"-Dmicronaut.server.port=8081"}));
        assertEquals("serve", Application.command(new String[] {"serve"}));
        assertEquals("validate", Application.command(new String[] {"validate", "-h"}));
    }
}
