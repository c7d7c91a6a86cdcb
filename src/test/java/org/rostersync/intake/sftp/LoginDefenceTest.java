package org.rostersync.intake.sftp;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.userauth.UserAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Brute-force defence and connection limits, each with an application of its own (the shared one never bans). */
class LoginDefenceTest {

    @Test
    void bruteForceBansTheAddressAndThenEvenTheRightPasswordIsRefusedUntilTheBanEnds(@TempDir Path work) throws Exception {
        try (RunningApp.App app = RunningApp.startWith(Map.of("rostersync.sftp.ban-after-failures", 3,
                "rostersync.sftp.ban-seconds", 4, "rostersync.sftp.failure-delay-millis", 100))) {
            Fixture f = Fixture.create(app, "Brute forced district");
            for (int i = 0; i < 3; i++) {
                assertThrows(UserAuthException.class, () -> Sftp.sshj(app, f.sftpUser(), "guess-" + Math.random()).close());
            }
            long bannedAt = System.nanoTime();
            assertThrows(IOException.class, () -> Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close(),
                    "the right password is refused while the address is banned");
            Sftp.Result openssh = Sftp.openssh(app.sftpPort(), f.sftpUser(), f.sftpPassword(), work, "ls");
            assertNotEquals(0, openssh.exitCode(), openssh.output());

            Thread.sleep(Math.max(0, 4_500 - (System.nanoTime() - bannedAt) / 1_000_000));
            Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close();
        }
    }

    @Test
    void aFailedLoginIsAnsweredAfterTheDelayAndAnUnknownUserLooksLikeAWrongPassword() throws Exception {
        try (RunningApp.App app = RunningApp.startWith(Map.of("rostersync.sftp.failure-delay-millis", 700))) {
            Fixture f = Fixture.create(app, "Timing district");
            Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close(); // warm up both paths' code
            assertThrows(UserAuthException.class, () -> Sftp.sshj(app, "nobody-here", "x").close());
            // the fastest of three, taken in turn: one measurement on a busy machine can be late by half a second
            long wrongPassword = Long.MAX_VALUE;
            long unknownUser = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                wrongPassword = Math.min(wrongPassword, timeFailure(app, f.sftpUser(), "not-the-password"));
                unknownUser = Math.min(unknownUser, timeFailure(app, "nobody-at-all", "not-the-password"));
            }
            assertTrue(wrongPassword >= 700 && unknownUser >= 700, wrongPassword + " / " + unknownUser + " ms");
            assertTrue(Math.abs(wrongPassword - unknownUser) < 250, wrongPassword + " / " + unknownUser + " ms");
        }
    }

    @Test
    void keysThatAreNotTheAccountsDoNotCountTowardsABanButABannedAddressCannotLogInWithTheRightKey(@TempDir Path work)
            throws Exception {
        try (RunningApp.App app = RunningApp.startWith(Map.of("rostersync.sftp.ban-after-failures", 2,
                "rostersync.sftp.ban-seconds", 60, "rostersync.sftp.failure-delay-millis", 50))) {
            Fixture f = Fixture.create(app, "Keyed district");
            Path key = Sftp.newKey(work, "ed25519", 0);
            String line = java.nio.file.Files.readString(Path.of(key + ".pub")).strip();
            RunningApp.Response saved = app.adminPut("/api/sources/" + f.sourceId() + "/sftp-account",
                    "{\"authorizedKeys\":[\"" + line + "\"]}");
            assertEquals(200, saved.status(), saved.toString());
            for (int i = 0; i < 4; i++) {
                Path stranger = Sftp.newKey(work, "ed25519", 0);
                assertThrows(UserAuthException.class, () -> Sftp.sshjWithKey(app, f.sftpUser(), stranger).close());
            }
            Sftp.sshj(app, f.sftpUser(), f.sftpPassword()).close();

            for (int i = 0; i < 2; i++) {
                assertThrows(UserAuthException.class, () -> Sftp.sshj(app, f.sftpUser(), "guess-" + Math.random()).close());
            }
            assertThrows(IOException.class, () -> Sftp.sshjWithKey(app, f.sftpUser(), key).close(),
                    "the right key is refused while the address is banned");
        }
    }

    @Test
    void connectionsPerAddressSessionsPerAccountAndOpenFilesAreLimited() throws Exception {
        try (RunningApp.App app = RunningApp.startWith(Map.of("rostersync.sftp.max-connections-per-address", 3,
                "rostersync.sftp.max-sessions-per-account", 2, "rostersync.sftp.max-open-handles", 2))) {
            Fixture a = Fixture.create(app, "Account A");
            Fixture b = Fixture.create(app, "Account B");
            List<SSHClient> open = new ArrayList<>();
            try {
                open.add(Sftp.sshj(app, a.sftpUser(), a.sftpPassword()));
                open.add(Sftp.sshj(app, a.sftpUser(), a.sftpPassword()));
                assertThrows(IOException.class, () -> Sftp.sshj(app, a.sftpUser(), a.sftpPassword()).close(),
                        "a third session of one account");
                awaitConnectionsOnServer(app, 2); // the two sessions of account A; the refused third counted down
                open.add(Sftp.sshj(app, b.sftpUser(), b.sftpPassword()));
                assertThrows(IOException.class, () -> Sftp.sshj(app, b.sftpUser(), b.sftpPassword()).close(),
                        "a fourth connection from one address");

                try (SFTPClient sftp = open.get(2).newSFTPClient()) {
                    RemoteFile one = sftp.open("users.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC));
                    RemoteFile two = sftp.open("orgs.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC));
                    assertThrows(IOException.class,
                            () -> sftp.open("classes.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC)));
                    one.close();
                    two.close();
                }
            } finally {
                for (SSHClient c : open) {
                    c.close();
                }
            }
            awaitConnectionsOnServer(app, 0);
            Sftp.sshj(app, a.sftpUser(), a.sftpPassword()).close(); // the counts came back down
        }
    }

    private static long timeFailure(RunningApp.App app, String user, String password) {
        long start = System.nanoTime();
        assertThrows(UserAuthException.class, () -> Sftp.sshj(app, user, password).close());
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Waits until the server holds this many connections: it counts one down when it sees it close, a moment after the
     * client (later on a busy machine).
     */
    static void awaitConnectionsOnServer(RunningApp.App app, int held) throws InterruptedException {
        SftpServer server = app.context().getBean(SftpServer.class);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.openConnections() > held && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(held, server.openConnections(), "connections the server holds");
    }
}
