package org.rostersync.api.admin;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the admin API. */
final class Requests {

    private Requests() {
    }

    @Serdeable
    record CreateTenant(@NotBlank @Size(max = org.rostersync.tenant.Tenant.MAX_NAME) String name) {
    }

    @Serdeable
    record CreateSource(@NotBlank @Size(max = org.rostersync.tenant.Source.MAX_NAME) String name, @NotNull @Valid SftpAccount sftp) {
    }

    /** A hosted SFTP login: usernames are what vendors type, so keep them to letters, digits, dot, dash and underscore. */
    @Serdeable
    record SftpAccount(
            @NotBlank @Pattern(regexp = org.rostersync.tenant.SftpAccount.USERNAME_PATTERN,
                    message = org.rostersync.tenant.SftpAccount.USERNAME_RULE) String username,
            @NotBlank @Size(min = org.rostersync.tenant.SftpAccount.MIN_PASSWORD, max = org.rostersync.tenant.SftpAccount.MAX_PASSWORD)
            String password) {
    }
}
