package org.rostersync.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Notification settings as text, the form operators send and read ({@code PUT /api/sources/{id}/notifications}) and
 * the form they are stored in. {@code recipients} is comma-separated, as people type addresses. A field left out takes
 * its default; a field the settings do not have is refused; {@link #toNotifications()} checks every value and names the
 * field that is wrong.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record NotificationSettings(@Nullable Boolean enabled, @Nullable String recipients, @Nullable String send,
                                   @Nullable Boolean heldDigest, @Nullable String digestTime) {

    public static final NotificationSettings DEFAULTS = new NotificationSettings(null, null, null, null, null);

    /** More would be a mailing list, which is better kept on the mail server. */
    static final int MAX_RECIPIENTS = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * The settings an operator asks for, checked as {@link #toNotifications()} does, and refused when they would claim
     * to notify nobody: notifications on without a recipient.
     *
     * @throws InvalidSettingException naming the first field that cannot be taken
     */
    public Notifications toRequested() {
        Notifications n = toNotifications();
        if (n.enabled() && n.recipients().isEmpty()) {
            throw new InvalidSettingException("recipients", "recipients is empty while notifications are on: nobody would hear"
                    + " of the runs. Add an address such as data@district.org, or turn notifications off");
        }
        return n;
    }

    /** @throws InvalidSettingException naming the first field that cannot be taken */
    public Notifications toNotifications() {
        Notifications d = Notifications.NONE;
        List<String> addresses = recipients == null ? d.recipients() : addresses(recipients);
        Notifications.Send mode = send == null ? d.send() : send(send);
        LocalTime at = digestTime == null ? d.digestTime() : time(digestTime);
        // left out, notifications are on exactly when someone is to hear them
        return new Notifications(enabled == null ? !addresses.isEmpty() : enabled, addresses, mode, heldDigest == null || heldDigest, at);
    }

    /** The settings, every field given, in the canonical text form. */
    public static NotificationSettings of(Notifications n) {
        return new NotificationSettings(n.enabled(), String.join(", ", n.recipients()), n.send().name(), n.heldDigest(),
                TIME.format(n.digestTime()));
    }

    private static List<String> addresses(String text) {
        Set<String> out = new LinkedHashSet<>();
        String[] parts = text.split("[,;]", -1);
        if (text.isBlank()) {
            return List.of();
        }
        for (int i = 0; i < parts.length; i++) {
            String field = "recipients[" + i + "]";
            String address = parts[i].strip();
            if (address.isEmpty()) {
                throw new InvalidSettingException(field, field + " is empty: separate the addresses with single commas");
            }
            out.add(address(field, address));
        }
        if (out.size() > MAX_RECIPIENTS) {
            throw new InvalidSettingException("recipients", "recipients lists " + out.size() + " addresses; at most " + MAX_RECIPIENTS
                    + " are taken (use a mailing list for more)");
        }
        return new ArrayList<>(out);
    }

    /** One bare address, checked as RFC 822 strictly: no display name, a domain, no spaces. */
    static String address(String field, String text) {
        try {
            InternetAddress parsed = new InternetAddress(text, true);
            parsed.validate();
            if (parsed.getPersonal() != null || !parsed.getAddress().equals(text) || !text.contains("@") || text.length() > 254) {
                throw new AddressException("not a bare address");
            }
            return text;
        } catch (AddressException e) {
            throw new InvalidSettingException(field, field + " \"" + text + "\" is not an email address such as"
                    + " data@district.org");
        }
    }

    private static Notifications.Send send(String text) {
        try {
            return Notifications.Send.valueOf(text.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("send", "send must be every_run, issues (runs with issues, held or failed) or"
                    + " held_or_failed, not \"" + text + "\"");
        }
    }

    private static LocalTime time(String text) {
        try {
            if (!text.matches("\\d{2}:\\d{2}")) {
                throw new DateTimeParseException("not HH:mm", text, 0);
            }
            return LocalTime.parse(text, TIME);
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException("digestTime", "digestTime must be a time as HH:mm (24-hour, e.g. 07:00), not \""
                    + text + "\"");
        }
    }
}
