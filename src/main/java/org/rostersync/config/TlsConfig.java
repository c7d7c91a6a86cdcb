package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HTTPS on the HTTP port: a PEM certificate chain and its PEM private key. Both set, the port speaks only HTTPS; both
 * empty, plain HTTP (behind a TLS proxy, or on loopback). One without the other, or a file that cannot be read, stops
 * startup naming the setting: a service that silently fell back to plain HTTP would send passwords in clear.
 *
 * @param cert the certificate chain, PEM, the server's certificate first ({@code ROSTERSYNC_TLS_CERT})
 * @param key  its private key, PEM, unencrypted PKCS#8 or PKCS#1 ({@code ROSTERSYNC_TLS_KEY})
 */
@ConfigurationProperties("rostersync.tls")
public record TlsConfig(@Nullable String cert, @Nullable String key) {

    public TlsConfig {
        cert = cert == null || cert.isBlank() ? null : cert.strip();
        key = key == null || key.isBlank() ? null : key.strip();
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("rostersync.tls.cert (ROSTERSYNC_TLS_CERT) and rostersync.tls.key (ROSTERSYNC_TLS_KEY)"
                    + " go together: set both for HTTPS, or neither for plain HTTP");
        }
        readable(cert, "rostersync.tls.cert (ROSTERSYNC_TLS_CERT)");
        readable(key, "rostersync.tls.key (ROSTERSYNC_TLS_KEY)");
    }

    public boolean enabled() {
        return cert != null;
    }

    /** The certificate's file as an absolute path. */
    public Path certPath() {
        return Path.of(cert).toAbsolutePath().normalize();
    }

    /** The key's file as an absolute path. */
    public Path keyPath() {
        return Path.of(key).toAbsolutePath().normalize();
    }

    private static void readable(@Nullable String file, String setting) {
        if (file != null && !Files.isReadable(Path.of(file))) {
            throw new IllegalArgumentException(setting + ": cannot read " + Path.of(file).toAbsolutePath().normalize());
        }
    }
}
