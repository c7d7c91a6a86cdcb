package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.util.Locale;

/**
 * The SMTP server notifications go through, and what the emails link to. Blank strings count as "not set".
 *
 * @param host        the SMTP server; blank: no server, and every email is recorded as failing with that reason (and
 *                    retried, so that emails go out once one is configured, within their attempts)
 * @param port        its port: 587 for STARTTLS submission, 465 for implicit TLS, 25 for a relay
 * @param tls         {@code starttls} (upgrade, required), {@code implicit} (TLS from the first byte) or {@code none}
 * @param sslTrust    hosts whose certificate is taken without checking its chain ({@code *} for any), for a relay with a
 *                    private certificate; blank: the JVM's trust store decides
 * @param username    the SMTP login; blank: no authentication
 * @param password    its password
 * @param from        the sender address
 * @param publicUrl   the address operators reach rostersync at, for the links in the emails
 * @param timeoutSeconds how long connecting, reading and writing to the SMTP server may each take
 * @param maxAttempts how often an email is tried before it is recorded as failed; the waits between tries double from
 *                    30 seconds up to an hour
 * @param pollMillis  how often the instance looks for runs to announce, digests due and emails to send
 */
@ConfigurationProperties("rostersync.mail")
public record MailConfig(@Nullable String host, @Bindable(defaultValue = "587") int port,
                         @Bindable(defaultValue = "starttls") String tls, @Nullable String sslTrust, @Nullable String username,
                         @Nullable String password, @Bindable(defaultValue = "rostersync@localhost") String from,
                         @Bindable(defaultValue = "http://localhost:8080") String publicUrl,
                         @Bindable(defaultValue = "30") int timeoutSeconds, @Bindable(defaultValue = "8") int maxAttempts,
                         @Bindable(defaultValue = "2000") long pollMillis) {

    public MailConfig {
        host = blankToNull(host);
        sslTrust = blankToNull(sslTrust);
        username = blankToNull(username);
        password = blankToNull(password);
        tls = tls.strip().toLowerCase(Locale.ROOT);
        if (!tls.equals("starttls") && !tls.equals("implicit") && !tls.equals("none")) {
            throw new IllegalArgumentException("rostersync.mail.tls (ROSTERSYNC_MAIL_TLS) must be starttls, implicit or none, not "
                    + tls);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("rostersync.mail.port (ROSTERSYNC_MAIL_PORT) must be from 1 to 65535, not " + port);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            throw new IllegalArgumentException("rostersync.mail.timeout-seconds (ROSTERSYNC_MAIL_TIMEOUT_SECONDS) must be from 1 to 600,"
                    + " not " + timeoutSeconds);
        }
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("rostersync.mail.max-attempts (ROSTERSYNC_MAIL_MAX_ATTEMPTS) must be from 1 to 50, not "
                    + maxAttempts);
        }
        if (pollMillis < 10) {
            throw new IllegalArgumentException("rostersync.mail.poll-millis must be at least 10, not " + pollMillis);
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("rostersync.mail.password (ROSTERSYNC_MAIL_PASSWORD) is set without"
                    + " rostersync.mail.username (ROSTERSYNC_MAIL_USERNAME)");
        }
        publicUrl = publicUrl.strip().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(publicUrl);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("rostersync.mail.public-url (ROSTERSYNC_PUBLIC_URL) must be an http(s) address such as"
                    + " https://rostersync.example.org, not " + publicUrl);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
