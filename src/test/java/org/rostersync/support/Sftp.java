package org.rostersync.support;

import net.schmizz.sshj.SSHClient;
import org.rostersync.intake.sftp.SftpServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real SFTP clients: the OpenSSH {@code sftp} command in batch mode, and sshj. */
public final class Sftp {

    private Sftp() {
    }

    /** The outcome of an OpenSSH sftp batch: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {
    }

    /**
     * Runs OpenSSH's sftp with a batch of commands, answering the password prompt through SSH_ASKPASS (batch mode alone
     * would forbid password prompts; {@code -o BatchMode=no} comes first, so it wins over the one {@code -b} adds).
     */
    public static Result openssh(int port, String user, String password, Path workDir, String... commands)
            throws IOException, InterruptedException {
        Process p = startOpenssh(port, user, password, workDir, List.of(), commands);
        return finish(p, "sftp");
    }

    /**
     * Starts OpenSSH's sftp with a batch of commands and returns at once (to kill it mid-transfer); its output is the
     * process's input stream, and its password and batch files are removed when it ends.
     *
     * @param options more sftp options, before the destination (e.g. {@code -l 8000} to limit its bandwidth)
     */
    public static Process startOpenssh(int port, String user, String password, Path workDir, List<String> options,
                                       String... commands) throws IOException {
        List<String> auth = new ArrayList<>(List.of("-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1"));
        auth.addAll(options);
        return startOpenssh(port, user, password, workDir, auth, List.of(commands));
    }

    /** Runs OpenSSH's sftp with a batch of commands, logging in with the private key in {@code keyFile} and nothing else. */
    public static Result opensshWithKey(int port, String user, Path keyFile, Path workDir, String... commands)
            throws IOException, InterruptedException {
        Process p = startOpenssh(port, user, "", workDir, List.of("-o", "PreferredAuthentications=publickey",
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-i", keyFile.toString()), List.of(commands));
        return finish(p, "sftp");
    }

    /** A new private key file made by ssh-keygen ({@code type} and {@code bits} as its -t and -b), with its .pub beside it. */
    public static Path newKey(Path dir, String type, int bits) throws IOException, InterruptedException {
        requireTool("ssh-keygen", "openssh-client");
        Path key = dir.resolve("id_" + type + "_" + bits + "_" + System.nanoTime());
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "vendor@" + type, "-f", key.toString()));
        if (bits > 0) {
            cmd.addAll(List.of("-b", Integer.toString(bits)));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("ssh-keygen failed: " + output);
        }
        return key;
    }

    /** An sshj client logged in with the private key in {@code keyFile}; the caller closes it. */
    public static SSHClient sshjWithKey(RunningApp.App app, String user, Path keyFile) throws IOException {
        SSHClient ssh = connected(app);
        try {
            ssh.authPublickey(user, ssh.loadKeys(keyFile.toString()));
        } catch (IOException e) {
            closeRefused(ssh);
            throw e;
        }
        return ssh;
    }

    private static Process startOpenssh(int port, String user, String password, Path workDir, List<String> options,
                                        List<String> commands) throws IOException {
        requireTool("sftp", "openssh-client");
        Path batch = Files.createTempFile("batch", ".txt");
        Files.writeString(batch, String.join("\n", commands) + "\n");
        List<String> cmd = new ArrayList<>(List.of("sftp", "-o", "BatchMode=no", "-b", batch.toString(), "-P", Integer.toString(port)));
        cmd.addAll(OPENSSH_COMMON);
        cmd.addAll(options);
        cmd.add(user + "@127.0.0.1");
        Process p = startWithPassword(cmd, password, workDir);
        p.onExit().thenRun(() -> {
            try {
                Files.deleteIfExists(batch);
            } catch (IOException ignored) {
                // a temp file of the test JVM
            }
        });
        return p;
    }

    /**
     * What every OpenSSH command of these tests says: any host key, no waiting ({@code -o BatchMode=no} comes first, so
     * it wins over the one {@code sftp -b} adds, which would forbid password prompts).
     */
    private static final List<String> OPENSSH_COMMON = List.of("-o", "BatchMode=no", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10");

    /** {@link #OPENSSH_COMMON}, logging in with a password only. */
    public static final List<String> OPENSSH_OPTIONS = java.util.stream.Stream.concat(OPENSSH_COMMON.stream(),
            java.util.stream.Stream.of("-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1")).toList();

    /**
     * Starts an OpenSSH command ({@code ssh}, {@code scp}, {@code sftp}: the caller gives its options, see
     * {@link #OPENSSH_OPTIONS}) that answers its password prompt through SSH_ASKPASS, with stdin from /dev/null and
     * stderr merged into its output; the password file is removed when it ends.
     */
    public static Process startWithPassword(List<String> command, String password, Path workDir) throws IOException {
        requireTool(command.get(0), "openssh-client");
        Path askpass = Files.createTempFile("askpass", ".sh");
        Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' '" + password.replace("'", "'\\''") + "'\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("SSH_ASKPASS", askpass.toString());
        pb.environment().put("SSH_ASKPASS_REQUIRE", "force");
        pb.environment().put("DISPLAY", ":0");
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        p.onExit().thenRun(() -> {
            try {
                Files.deleteIfExists(askpass);
            } catch (IOException ignored) {
                // a temp file of the test JVM
            }
        });
        return p;
    }

    /** Runs an OpenSSH command as {@link #startWithPassword} does and waits for it (at most 60 s). */
    public static Result run(List<String> command, String password, Path workDir) throws IOException, InterruptedException {
        return finish(startWithPassword(command, password, workDir), String.join(" ", command));
    }

    private static Result finish(Process p, String what) throws IOException, InterruptedException {
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(what + " did not finish: " + output);
        }
        return new Result(p.exitValue(), output);
    }

    /**
     * A command these tests drive. CI (CI=true) installs it and must run the tests, so there a missing one fails; on a
     * newcomer's machine the test is skipped, saying what to install.
     */
    public static void requireTool(String command, String debianPackage) {
        boolean installed = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
        if (installed) {
            return;
        }
        String why = command + " is not installed (Debian/Ubuntu: apt-get install " + debianPackage + ")";
        if (System.getenv("CI") != null) {
            throw new AssertionError(why);
        }
        org.junit.jupiter.api.Assumptions.abort(why);
    }

    /** An authenticated sshj client that accepts only the server's own host key; the caller closes it. */
    public static SSHClient sshj(RunningApp.App app, String user, String password) throws IOException {
        SSHClient ssh = connected(app);
        try {
            ssh.authPassword(user, password);
        } catch (IOException e) {
            closeRefused(ssh);
            throw e;
        }
        return ssh;
    }

    /**
     * Closes a client the server refused. When the server disconnected it (too many sessions, say), sshj's close waited
     * out its whole transport timeout, 30 s, for a goodbye that never comes: a second is plenty for one that does.
     */
    private static void closeRefused(SSHClient ssh) throws IOException {
        ssh.getTransport().setTimeoutMs(1_000);
        ssh.close();
    }

    private static SSHClient connected(RunningApp.App app) throws IOException {
        SSHClient ssh = new SSHClient();
        // "ssh-ed25519 SHA256:..." → "SHA256:..."
        ssh.addHostKeyVerifier(app.context().getBean(SftpServer.class).fingerprint().split(" ")[1]);
        ssh.setConnectTimeout(10_000);
        // sshj waits 30 s by default for an answer; a server that disconnects a refused client while sshj asks for the
        // login service leaves that request unanswered (seen in CI: LoginDefenceTest waited out 30 s), and every answer
        // of the server under test comes within seconds
        ssh.getTransport().setTimeoutMs(10_000);
        ssh.connect("127.0.0.1", app.sftpPort());
        return ssh;
    }
}
