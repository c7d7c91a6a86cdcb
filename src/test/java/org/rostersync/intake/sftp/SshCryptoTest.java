package org.rostersync.intake.sftp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.CapturedLog;
import org.rostersync.support.Failures;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the SFTP server offers on the wire, checked by ssh-audit and by an OpenSSH client asking for weak algorithms. */
@ExtendWith(RunningApp.class)
class SshCryptoTest {

    @Test
    void sshAuditFindsNothingToFailAndItsSmallGroupProbesAreOneRefusedConnectionLineNotErrors(RunningApp.App app) throws Exception {
        Sftp.requireTool("ssh-audit", "ssh-audit");
        CapturedLog log = CapturedLog.everything();
        String report;
        try (log) {
            Process audit = new ProcessBuilder("ssh-audit", "-n", "-p", Integer.toString(app.sftpPort()), "127.0.0.1")
                    .redirectErrorStream(true).start();
            report = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(audit.waitFor(60, TimeUnit.SECONDS), report);
        }
        List<String> lines = log.events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("ERROR") || l.contains("No suitable primes")), lines.toString());
        assertTrue(lines.stream().filter(l -> l.contains("Diffie-Hellman group of")).count() <= 1, lines.toString());
        assertTrue(report.contains("diffie-hellman-group-exchange-sha256"), report);
        assertTrue(report.contains("(kex) curve25519-sha256"), report);
        assertTrue(report.contains("kex-strict-s-v00@openssh.com"), report);
        assertTrue(report.contains("(key) rsa-sha2-512"), report);
        assertFalse(report.contains("[fail]"), report);
        for (String weak : List.of("cbc", "hmac-sha1", "ssh-dss", "group14-sha1", "group1-sha1", "(key) ssh-rsa ", "(cmp) zlib\n")) {
            assertFalse(report.contains(weak), weak + " offered: " + report);
        }
    }

    @Test
    void aClientOfferingOnlyCbcSha1MacsOrSha1KeyExchangeCannotConnect(RunningApp.App app, @TempDir Path work) throws Exception {
        Fixture f = Fixture.create(app, "Weak client district");
        Sftp.Result modern = connect(app, f, work, List.of("-c", "aes128-gcm@openssh.com"));
        assertEquals(0, modern.exitCode(), "the control connects: " + modern.output());
        for (List<String> weak : List.of(List.of("-c", "aes128-cbc,aes256-cbc"),
                List.of("-c", "aes128-ctr", "-o", "MACs=hmac-sha1,hmac-sha1-etm@openssh.com"),
                List.of("-o", "KexAlgorithms=diffie-hellman-group14-sha1,diffie-hellman-group1-sha1"),
                List.of("-o", "HostKeyAlgorithms=ssh-rsa,ssh-dss"))) {
            Sftp.Result refused = connect(app, f, work, weak);
            assertNotEquals(0, refused.exitCode(), weak + ": " + refused.output());
            assertTrue(refused.output().contains("no matching"), weak + ": " + refused.output());
        }
    }

    @Test
    void hostKeysStayTheSameOverRestartsAndAKeyFileOthersCanReadStopsStartup(@TempDir Path data) throws Exception {
        Map<String, Object> settings = Map.of("rostersync.data-dir", data.toString());
        String fingerprint;
        try (RunningApp.App first = RunningApp.startWith(settings)) {
            fingerprint = first.context().getBean(SftpServer.class).fingerprint();
        }
        try (RunningApp.App again = RunningApp.startWith(settings)) {
            assertEquals(fingerprint, again.context().getBean(SftpServer.class).fingerprint());
        }
        Path key = data.resolve("sftp").resolve("host_key_ed25519");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        RuntimeException refused = assertThrows(RuntimeException.class, () -> RunningApp.startWith(settings).close());
        assertTrue(Failures.messages(refused).contains("the SFTP host key " + key + " is readable by its group or others (rw-r--r--)"),
                Failures.messages(refused));
        assertTrue(Files.readString(key).contains("PRIVATE KEY"), "the key was not replaced");

        RuntimeException missing = assertThrows(RuntimeException.class, () -> RunningApp.startWith(Map.of(
                "rostersync.data-dir", data.resolve("other").toString(), "rostersync.sftp.host-keys", data.resolve("no-such-key").toString())).close());
        assertTrue(Failures.messages(missing).contains("the host key file " + data.resolve("no-such-key") + " does not exist"), Failures.messages(missing));
    }

    private static Sftp.Result connect(RunningApp.App app, Fixture f, Path work, List<String> options) throws Exception {
        Process p = Sftp.startOpenssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work, options, "ls");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        return new Sftp.Result(p.exitValue(), output);
    }
}
