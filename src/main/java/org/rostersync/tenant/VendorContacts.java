package org.rostersync.tenant;

import java.util.List;

/**
 * Who fixes a source's data at the SIS (the SIS vendor, or the district's SIS team), kept apart from the operators who
 * hear about runs ({@link Notifications}): they get a run's report of what to fix, when an operator sends it, or after
 * every run with issues when {@code sendAutomatically} is set. Stored and shown as {@link VendorContactSettings}.
 */
public record VendorContacts(List<Contact> contacts, boolean sendAutomatically) {

    /** A person or team, and the address the report goes to; {@code name} may be empty. */
    public record Contact(String name, String email) {

        /** As an email header writes it: {@code Aeries support <support@aeries.example>}, or the bare address. */
        public String display() {
            return name.isEmpty() ? email : name + " <" + email + ">";
        }
    }

    /** Nobody: the default of a new source. */
    public static final VendorContacts NONE = new VendorContacts(List.of(), false);

    public VendorContacts {
        contacts = List.copyOf(contacts);
    }

    public List<String> emails() {
        return contacts.stream().map(Contact::email).toList();
    }
}
