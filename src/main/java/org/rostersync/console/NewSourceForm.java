package org.rostersync.console;

import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.SftpAccount;
import org.rostersync.tenant.Source;

import java.util.Map;

/**
 * The add-a-source form, checked by the admin API's rules (name, SFTP username pattern, password length) before anything
 * is made, so that a refusal names its field.
 */
record NewSourceForm(String name, String sftpUsername, String sftpPassword) {

    /** @throws InvalidSettingException naming the form field that cannot be taken */
    static NewSourceForm of(Map<String, String> form) {
        String name = form.getOrDefault("sourceName", "").strip();
        if (name.isEmpty()) {
            throw new InvalidSettingException("sourceName", "Name: type the source's name, the SIS it comes from for instance");
        }
        if (name.length() > Source.MAX_NAME) {
            throw new InvalidSettingException("sourceName", "Name: at most " + Source.MAX_NAME + " characters, not " + name.length());
        }
        String username = form.getOrDefault("sftpUsername", "").strip();
        if (!username.matches(SftpAccount.USERNAME_PATTERN)) {
            throw new InvalidSettingException("sftpUsername", "SFTP username " + SftpAccount.USERNAME_RULE);
        }
        // taken as typed: spaces may be part of a password
        String password = form.getOrDefault("sftpPassword", "");
        if (password.isBlank() || password.length() < SftpAccount.MIN_PASSWORD || password.length() > SftpAccount.MAX_PASSWORD) {
            throw new InvalidSettingException("sftpPassword", "SFTP password: must be " + SftpAccount.MIN_PASSWORD + " to "
                    + SftpAccount.MAX_PASSWORD + " characters");
        }
        return new NewSourceForm(name, username, password);
    }
}
