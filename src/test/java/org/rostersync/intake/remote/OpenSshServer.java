package org.rostersync.intake.remote;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSH's sshd as a child process on a free loopback port, with a host key, config and authorized_keys of its own in a
 * temporary folder: key logins only, SFTP only (internal-sftp), the login of the user running the tests. Nothing of the
 * machine's sshd is used or needed.
 */
final class OpenSshServer implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process process;
    private final int port;
    private final Path hostKey;
    private final StringBuffer log = new StringBuffer();

    private OpenSshServer(Process process, int port, Path hostKey) {
        this.process = process;
        this.port = port;
        this.hostKey = hostKey;
        Thread reader = new Thread(() -> {
            try {
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().forEach(l -> log.append(l).append('\n'));
            } catch (IOException ignored) {
                // the process ended
            }
        }, "sshd-log");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts sshd. CI (CI=true) installs openssh-server and must run these tests, so there a missing sshd fails; on a
     * newcomer's machine the test is skipped, saying what to install.
     */
    static OpenSshServer start(Path dir, List<Path> authorizedPublicKeys) throws IOException, InterruptedException {
        return start(dir, authorizedPublicKeys, false);
    }

    /** @param readOnly serve SFTP read-only (internal-sftp -R): removing a file is refused */
    static OpenSshServer start(Path dir, List<Path> authorizedPublicKeys, boolean readOnly) throws IOException, InterruptedException {
        if (!Files.isExecutable(SSHD)) {
            String why = SSHD + " is not installed (Debian/Ubuntu: apt-get install openssh-server)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        // sshd checks that its privilege separation folder exists, even when it never uses it for a test's login
        Files.createDirectories(Path.of("/run/sshd"));
        Path hostKey = SshKeys.generate(dir, "ed25519", 0, "", false);
        Path authorized = dir.resolve("authorized_keys");
        StringBuilder keys = new StringBuilder();
        for (Path pub : authorizedPublicKeys) {
            keys.append(Files.readString(pub).strip()).append('\n');
        }
        Files.writeString(authorized, keys);
        int port = RemoteDeliveryTest.closedPort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey.toAbsolutePath(),
                "PidFile none",
                "UsePAM no",
                "StrictModes no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "AuthorizedKeysFile " + authorized.toAbsolutePath(),
                "Subsystem sftp internal-sftp" + (readOnly ? " -R" : ""),
                "AllowTcpForwarding no",
                "X11Forwarding no",
                "MaxStartups 50",
                "LogLevel VERBOSE",
                ""));
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        OpenSshServer server = new OpenSshServer(process, port, hostKey);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("sshd ended at start: " + server.log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.close();
        throw new AssertionError("sshd did not listen within 10 s: " + server.log);
    }

    int port() {
        return port;
    }

    /** The fingerprint of sshd's host key, as ssh-keygen prints it. */
    String hostKeyFingerprint() throws IOException, InterruptedException {
        return SshKeys.fingerprint(Path.of(hostKey + ".pub"));
    }

    String log() {
        return log.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
