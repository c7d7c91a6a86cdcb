package org.rostersync.support;

import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;

/**
 * The SFTP host keys the applications a test starts on a new data directory begin with, made once per test JVM: the
 * service makes an RSA key of 3,072 bits for a new data directory, up to a second of CPU each time. Where the service
 * makes its keys is tested by the shared application (its data directory gets none) and the packaged jar's test.
 */
final class HostKeyFiles {

    private static final List<String> NAMES = List.of("host_key_ed25519", "host_key_rsa");

    private final Path folder;

    private HostKeyFiles(Path folder) {
        this.folder = folder;
    }

    static HostKeyFiles shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final HostKeyFiles INSTANCE = generate();
    }

    private static HostKeyFiles generate() {
        Path folder = Path.of("target", "test-host-keys", UUID.randomUUID().toString());
        try {
            Files.createDirectories(folder);
            generate(folder.resolve("host_key_ed25519"), SecurityUtils.EDDSA, 0);
            generate(folder.resolve("host_key_rsa"), "RSA", 3072);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HostKeyFiles(folder);
    }

    private static void generate(Path file, String algorithm, int size) {
        SimpleGeneratorHostKeyProvider generator = new SimpleGeneratorHostKeyProvider(file);
        generator.setAlgorithm(algorithm);
        if (size > 0) {
            generator.setKeySize(size);
        }
        generator.loadKeys(null);
    }

    /** Puts the keys where the service keeps its own, unless the data directory has an SFTP folder already. */
    void copyInto(Path dataDir) {
        Path sftp = dataDir.resolve("sftp");
        if (Files.exists(sftp)) {
            return;
        }
        try {
            Files.createDirectories(sftp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (String name : NAMES) {
                Path key = Files.copy(folder.resolve(name), sftp.resolve(name));
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
