package org.rostersync.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.rostersync.security.ControlCharacters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Vendor contacts as operators send and read them ({@code PUT /api/sources/{id}/vendor-contacts}), and as they are
 * stored. A field left out takes its default (nobody, not automatic); a field the settings do not have is refused;
 * {@link #toVendorContacts()} checks every value and names the field that is wrong ({@code contacts[1].email}).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record VendorContactSettings(@Nullable List<ContactSettings> contacts, @Nullable Boolean sendAutomatically) {

    /** One contact as sent. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ContactSettings(@Nullable String name, @Nullable String email) {
    }

    public static final VendorContactSettings DEFAULTS = new VendorContactSettings(null, null);

    /** A report goes to a few people; more would be a mailing list, better kept on the mail server. */
    static final int MAX_CONTACTS = 20;
    static final int MAX_NAME = 200;

    /** @throws InvalidSettingException naming the first field that cannot be taken */
    public VendorContacts toVendorContacts() {
        List<VendorContacts.Contact> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<ContactSettings> given = contacts == null ? List.of() : contacts;
        if (given.size() > MAX_CONTACTS) {
            throw new InvalidSettingException("contacts", "contacts lists " + given.size() + " people; at most " + MAX_CONTACTS
                    + " are taken (use a mailing list for more)");
        }
        for (int i = 0; i < given.size(); i++) {
            ContactSettings c = given.get(i);
            String field = "contacts[" + i + "]";
            if (c == null) {
                throw new InvalidSettingException(field, field + " is empty: give each contact an email");
            }
            String name = c.name() == null ? "" : c.name().strip();
            if (name.length() > MAX_NAME) {
                throw new InvalidSettingException(field + ".name", field + ".name is longer than " + MAX_NAME + " characters");
            }
            ControlCharacters.refusal(name, false).ifPresent(problem -> {
                throw new InvalidSettingException(field + ".name", field + ".name " + problem);
            });
            if (name.contains("<") || name.contains(">") || name.contains("\"")) {
                throw new InvalidSettingException(field + ".name", field + ".name may not hold <, > or \" (\"" + name + "\")");
            }
            String email = c.email() == null ? "" : c.email().strip();
            if (email.isEmpty()) {
                throw new InvalidSettingException(field + ".email", field + ".email is missing: each contact needs an address");
            }
            email = NotificationSettings.address(field + ".email", email);
            if (!seen.add(email.toLowerCase(Locale.ROOT))) {
                throw new InvalidSettingException(field + ".email", field + ".email " + email + " is listed twice");
            }
            out.add(new VendorContacts.Contact(name, email));
        }
        boolean automatic = sendAutomatically != null && sendAutomatically;
        if (automatic && out.isEmpty()) {
            throw new InvalidSettingException("sendAutomatically", "sendAutomatically needs someone to send to: add contacts");
        }
        return new VendorContacts(out, automatic);
    }

    /** The settings, every field given. */
    public static VendorContactSettings of(VendorContacts v) {
        return new VendorContactSettings(v.contacts().stream().map(c -> new ContactSettings(c.name(), c.email())).toList(),
                v.sendAutomatically());
    }

    /**
     * Contacts typed one per line, as {@code Name <address>} or a bare address (the console's form); blank lines are
     * left out. A line that cannot be read is refused as {@code contacts[i].email}, i counting the contacts.
     */
    public static List<ContactSettings> lines(String text) {
        List<ContactSettings> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            int open = l.lastIndexOf('<');
            if (open >= 0 && l.endsWith(">")) {
                out.add(new ContactSettings(l.substring(0, open).strip(), l.substring(open + 1, l.length() - 1).strip()));
            } else {
                out.add(new ContactSettings(null, l));
            }
        }
        return out;
    }
}
