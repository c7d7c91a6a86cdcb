package org.rostersync.console;

import org.rostersync.config.MailConfig;
import org.rostersync.intake.sftp.SftpServer;

import java.net.URI;
import java.util.List;

/**
 * What a vendor needs to reach the hosted SFTP server: the host operators reach rostersync at (the host of
 * ROSTERSYNC_PUBLIC_URL, the one name the service is told it has), the server's port, and the host key fingerprints
 * the vendor's client shows on first contact, to compare before trusting it.
 */
public record SftpEndpoint(String host, int port, List<String> hostKeys) {

    public SftpEndpoint {
        hostKeys = List.copyOf(hostKeys);
    }

    static SftpEndpoint of(SftpServer server, MailConfig mail) {
        String host = URI.create(mail.publicUrl()).getHost();
        return new SftpEndpoint(host == null ? "localhost" : host, server.port(), server.hostKeys());
    }

    /** As a vendor's client takes it: {@code sftp://user@host:port}. */
    public String url(String username) {
        return "sftp://" + username + "@" + host + ":" + port;
    }
}
