package org.rostersync.tenant;

import java.util.Optional;

/**
 * The outcome of an SFTP login attempt: the source whose username it gave (also when refused, for the audit trail),
 * the credential it logged in with when admitted, or why it was refused (for the trail, never for the client).
 */
public record SftpLogin(Optional<Source> source, Optional<SftpCredential> credential, Refusal refusal) {

    /** Why a login was refused, as the audit trail says it. */
    public enum Refusal {
        UNKNOWN_USERNAME("unknown username"),
        WRONG_PASSWORD("wrong password"),
        NO_PASSWORD("the account has no password (keys only)"),
        UNKNOWN_KEY("the key is not one of the account's"),
        DISABLED("the account is disabled"),
        ADDRESS_NOT_ALLOWED("the address is not in the account's allowed networks");

        private final String description;

        Refusal(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    static SftpLogin admitted(Source source, SftpCredential credential) {
        return new SftpLogin(Optional.of(source), Optional.of(credential), null);
    }

    static SftpLogin refused(Optional<Source> source, Refusal why) {
        return new SftpLogin(source, Optional.empty(), why);
    }

    public boolean admitted() {
        return credential.isPresent();
    }
}
