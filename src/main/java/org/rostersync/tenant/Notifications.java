package org.rostersync.tenant;

import java.time.LocalTime;
import java.util.List;

/**
 * Who hears about a source's runs, and when. Held and failed runs are always announced at once (they wait for someone);
 * {@code send} says which other runs are. With {@code heldDigest}, runs still held are listed again every day at
 * {@code digestTime}, in the time zone of the source's schedule. Stored and shown as {@link NotificationSettings}.
 */
public record Notifications(boolean enabled, List<String> recipients, Send send, boolean heldDigest, LocalTime digestTime) {

    /** Which runs are announced besides the held and failed ones. */
    public enum Send {
        /** every run that ends, a run that found no new delivery too */
        every_run,
        /** runs with issues, held or failed */
        issues,
        /** only held and failed runs */
        held_or_failed
    }

    /**
     * Nobody to tell, and off: a new source does not claim to notify anyone. Adding recipients turns notifications on
     * unless {@code enabled} says otherwise.
     */
    public static final Notifications NONE = new Notifications(false, List.of(), Send.every_run, true, LocalTime.of(7, 0));

    public Notifications {
        recipients = List.copyOf(recipients);
    }

    /** Whether anybody is to hear anything at all. */
    public boolean active() {
        return enabled && !recipients.isEmpty();
    }
}
