package org.rostersync.intake.sftp;

import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The server's host keys. Vendors pin them in known_hosts, so they never change on their own: configured key files are
 * used as they are, and without configured files an ed25519 and an RSA key (for rsa-sha2-512) are generated once under
 * the data directory. A key file that is missing (when configured), unreadable, unparsable, or readable by its group or
 * others stops startup with a message naming it, instead of a new key being made silently.
 */
public final class HostKeys {

    private static final String SETTING = "rostersync.sftp.host-keys (ROSTERSYNC_SFTP_HOST_KEYS)";
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private HostKeys() {
    }

    /** @param configured key files given by the operator; when empty, the generated keys in {@code folder} */
    public static KeyPairProvider load(List<Path> configured, Path folder) {
        List<KeyPair> keys = new ArrayList<>();
        if (!configured.isEmpty()) {
            for (Path file : configured) {
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalStateException(SETTING + ": the host key file " + file + " does not exist");
                }
                keys.addAll(read(file));
            }
            return KeyPairProvider.wrap(keys);
        }
        try {
            org.rostersync.config.PrivateFiles.folder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
        keys.addAll(readOrGenerate(folder.resolve("host_key_ed25519"), SecurityUtils.EDDSA, 0));
        keys.addAll(readOrGenerate(folder.resolve("host_key_rsa"), "RSA", 3072));
        return KeyPairProvider.wrap(keys);
    }

    private static List<KeyPair> readOrGenerate(Path file, String algorithm, int size) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return read(file);
        }
        SimpleGeneratorHostKeyProvider generator = new SimpleGeneratorHostKeyProvider(file);
        generator.setAlgorithm(algorithm);
        if (size > 0) {
            generator.setKeySize(size);
        }
        List<KeyPair> generated = new ArrayList<>();
        generator.loadKeys(null).forEach(generated::add);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot make the new host key " + file + " readable by its owner only", e);
        }
        return generated;
    }

    private static List<KeyPair> read(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(file)) {
            throw new IllegalStateException("the SFTP host key " + file + " is not a readable file");
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (mode.stream().anyMatch(TOO_OPEN::contains)) {
                throw new IllegalStateException("the SFTP host key " + file + " is readable by its group or others ("
                        + PosixFilePermissions.toString(mode) + "): anyone who reads it can pose as this server; run"
                        + " chmod 600 " + file + " (and, if others may have read it, replace the key and tell your vendors)");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access control applies
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of the SFTP host key " + file, e);
        }
        List<KeyPair> keys = new ArrayList<>();
        try {
            new FileKeyPairProvider(file).loadKeys(null).forEach(keys::add);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the SFTP host key " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("the SFTP host key " + file + " holds no key");
        }
        return keys;
    }
}
