package org.rostersync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.Sftp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/rostersync.service: a unit systemd itself finds valid, hardened as the administrator guide says. */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("deploy", "rostersync.service");

    @Test
    void theUnitIsHardenedAndSystemdAnalyzeVerifiesItWithoutAWord(@TempDir Path dir) throws Exception {
        String unit = Files.readString(UNIT);
        for (String line : List.of("User=rostersync", "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes",
                "ReadWritePaths=/var/lib/rostersync", "Environment=ROSTERSYNC_DATA_DIR=/var/lib/rostersync")) {
            assertTrue(unit.lines().anyMatch(line::equals), "the unit sets " + line);
        }
        Sftp.requireTool("systemd-analyze", "systemd");
        Path copy = Files.writeString(dir.resolve("rostersync.service"), unit);
        assertEquals("", verify(copy, 0), "systemd-analyze verify says nothing of the unit");

        // the check can fail: a misspelt setting is named
        Path broken = Files.writeString(dir.resolve("broken.service"), unit.replace("ProtectSystem=strict", "ProtectSystem=stricter"));
        String said = verify(broken, -1);
        assertTrue(said.contains("protect system value") && said.contains("stricter"), "systemd-analyze names a bad setting: " + said);
    }

    /** What systemd-analyze verify prints; with expected >= 0, its exit status must be that. */
    private static String verify(Path unit, int expected) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true);
        // without a terminal, systemd's tools may log to the journal instead: what they say must reach us
        builder.environment().put("SYSTEMD_LOG_TARGET", "console");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        if (expected >= 0) {
            assertEquals(expected, p.exitValue(), out);
        }
        return out.strip();
    }
}
