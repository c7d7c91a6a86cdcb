package org.rostersync.support;

import org.rostersync.config.PrivateFiles;
import org.rostersync.intake.sftp.HostKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The SFTP host keys the applications a test starts on a new data directory begin with, made once per test JVM: the
 * service makes an RSA key of 3,072 bits for a new data directory, up to a second of CPU each time. Where the service
 * makes its keys is tested by SshCryptoTest (it names its data directory, which gets none) and the packaged jar's test.
 */
final class HostKeyFiles {

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

    /** The keys the service makes for a new data directory, made by the service's own code once. */
    private static HostKeyFiles generate() {
        Path folder = Path.of("target", "test-host-keys", UUID.randomUUID().toString());
        HostKeys.load(List.of(), folder);
        return new HostKeyFiles(folder);
    }

    /** Puts the keys where the service keeps its own, unless the data directory has an SFTP folder already. */
    void copyInto(Path dataDir) {
        Path sftp = dataDir.resolve("sftp");
        if (Files.exists(sftp)) {
            return;
        }
        try {
            PrivateFiles.folder(sftp);
            try (Stream<Path> keys = Files.list(folder)) {
                for (Path key : keys.toList()) {
                    Files.setPosixFilePermissions(Files.copy(key, sftp.resolve(key.getFileName())),
                            PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
