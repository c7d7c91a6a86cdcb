package org.rostersync.intake.remote;

import org.rostersync.support.Sftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Key files made by OpenSSH's ssh-keygen, as an operator would make them. */
final class SshKeys {

    private SshKeys() {
    }

    /**
     * A new private key file with its .pub beside it.
     *
     * @param passphrase "" for none
     * @param pem        the old PEM format ({@code -m PEM}) instead of OpenSSH's own
     */
    static Path generate(Path dir, String type, int bits, String passphrase, boolean pem) throws IOException, InterruptedException {
        Sftp.requireTool("ssh-keygen", "openssh-client");
        Path key = dir.resolve("id_" + type + "_" + System.nanoTime());
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "rostersync@test", "-f",
                key.toString()));
        if (bits > 0) {
            cmd.addAll(List.of("-b", Integer.toString(bits)));
        }
        if (pem) {
            cmd.addAll(List.of("-m", "PEM"));
        }
        run(cmd);
        return key;
    }

    /** The SHA256 fingerprint of a public key file, as {@code ssh-keygen -lf} prints it. */
    static String fingerprint(Path publicKey) throws IOException, InterruptedException {
        return run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", publicKey.toString())).split(" ")[1];
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + output);
        }
        return output;
    }

    /** A JSON string literal of a file's text (a private key's newlines escaped). */
    static String json(Path file) throws IOException {
        return "\"" + Files.readString(file).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
