package org.rostersync.console;

import org.rostersync.config.MailConfig;

/**
 * What an application needs besides its client id and secret: where it asks for a token and where it reads. Both are
 * under ROSTERSYNC_PUBLIC_URL, the one address the service is told it is reached at.
 */
public record OneRosterEndpoints(String tokenUrl, String baseUrl) {

    static OneRosterEndpoints of(MailConfig config) {
        return new OneRosterEndpoints(config.publicUrl() + "/oauth/token", config.publicUrl() + "/ims/oneroster/v1p1");
    }
}
