package org.rostersync.console;

import org.rostersync.tenant.InvalidSettingException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A settings form as it comes back after a refusal: what was sent (so nobody types it again) and the error next to its
 * field. An empty state is a form showing what is stored.
 *
 * @param sent   per form field, the text sent
 * @param errors per form field, what was wrong with it
 */
public record FormState(Map<String, String> sent, Map<String, String> errors) {

    public static final FormState STORED = new FormState(Map.of(), Map.of());

    /**
     * The form refused by a setting's check. A list entry's field ({@code authorizedKeys[2]}) belongs to the list's
     * field, where the entries are typed one per line.
     */
    static FormState refused(Map<String, String> sent, InvalidSettingException e) {
        return refused(sent, e.field(), e.getMessage());
    }

    static FormState refused(Map<String, String> sent, String field, String message) {
        int bracket = field.indexOf('[');
        String formField = bracket > 0 ? field.substring(0, bracket) : field;
        Map<String, String> kept = new LinkedHashMap<>(sent);
        kept.remove("_csrf");
        return new FormState(kept, Map.of(formField, message));
    }

    /** The field's text: as sent when the form came back, else the stored value. */
    public String value(String field, Object stored) {
        return sent.containsKey(field) ? sent.get(field) : stored == null ? "" : stored.toString();
    }

    /** A checkbox's state: as sent when the form came back (an unticked box sends nothing), else the stored value. */
    public boolean checked(String field, boolean stored) {
        return refusedForm() ? sent.containsKey(field) : stored;
    }

    public String error(String field) {
        return errors.get(field);
    }

    /** {@code "true"} for aria-invalid on a field with an error; null leaves the attribute out. */
    public String invalid(String field) {
        return errors.containsKey(field) ? "true" : null;
    }

    public boolean refusedForm() {
        return !errors.isEmpty();
    }
}
