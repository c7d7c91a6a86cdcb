package org.rostersync.tenant;

/**
 * Who changes a setting: the operator signed in to the console, or calling the admin API. Every method that changes a
 * setting takes one, so that the settings audit log ({@link SettingsAudit}) can say who did it.
 */
public record Actor(String username) {

    public Actor {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a change is made by someone");
        }
    }
}
