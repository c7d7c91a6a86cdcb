package org.rostersync.intake.sftp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lftp, a third real client, delivers the sample roster: directly, and through its temporary names (use-temp-file);
 * and logs in with a key.
 */
@ExtendWith(RunningApp.class)
class LftpTest {

    @Test
    void lftpDeliversEveryFileWithMatchingHashesDirectlyAndThroughTemporaryNames(RunningApp.App app) throws Exception {
        Sftp.requireTool("lftp", "lftp");
        for (boolean tempFiles : List.of(false, true)) {
            Fixture f = Fixture.create(app, "lftp district " + tempFiles);
            String output = lftp(app, f, "set xfer:use-temp-file " + (tempFiles ? "yes" : "no"),
                    "mput " + Fixture.SAMPLE.toAbsolutePath() + "/*.csv", "cls -1");
            Map<String, String> sent = new TreeMap<>();
            try (Stream<Path> files = Files.list(Fixture.SAMPLE)) {
                for (Path p : files.toList()) {
                    sent.put(p.getFileName().toString(), sha256(Files.readAllBytes(p)));
                }
            }
            List<DeliveryFile> delivery = app.context().getBean(Inbox.class).delivery(f.sourceId());
            assertEquals(sent, delivery.stream().collect(Collectors.toMap(DeliveryFile::name, DeliveryFile::sha256,
                    (a, b) -> a, TreeMap::new)), output);
            assertTrue(!output.contains(".in."), "no temporary file is left: " + output);
        }
    }

    @Test
    void lftpLogsInWithAKeyAndDelivers(RunningApp.App app, @org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        Sftp.requireTool("lftp", "lftp");
        Fixture f = Fixture.create(app, "lftp key district");
        Path key = Sftp.newKey(work, "ed25519", 0);
        RunningApp.Response keyOnly = app.adminPut("/api/sources/" + f.sourceId() + "/sftp-account",
                "{\"removePassword\":true,\"authorizedKeys\":[\"" + Files.readString(Path.of(key + ".pub")).strip() + "\"]}");
        assertEquals(200, keyOnly.status(), keyOnly.toString());
        String output = lftp(app, f.sftpUser(), "", "-i " + key + " -o IdentitiesOnly=yes -o PreferredAuthentications=publickey",
                "put " + Fixture.SAMPLE.toAbsolutePath() + "/orgs.csv", "cls -1");
        assertTrue(output.contains("orgs.csv"), output);
        assertEquals(List.of("orgs.csv"), app.context().getBean(Inbox.class).delivery(f.sourceId()).stream()
                .map(DeliveryFile::name).toList());
    }

    private static String lftp(RunningApp.App app, Fixture f, String... commands) throws Exception {
        return lftp(app, f.sftpUser(), f.sftpPassword(), "", commands);
    }

    private static String lftp(RunningApp.App app, String user, String password, String sshOptions, String... commands)
            throws Exception {
        String script = "set sftp:connect-program \"ssh -a -x -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
                + sshOptions + "\"; set net:max-retries 1; " + String.join("; ", commands) + "; bye";
        Process p = new ProcessBuilder("lftp", "-u", user + "," + password, "-p", Integer.toString(app.sftpPort()),
                "-e", script, "sftp://127.0.0.1").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
