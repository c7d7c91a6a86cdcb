package org.rostersync.console;

import org.rostersync.intake.remote.RemoteDeliveryView;
import org.rostersync.tenant.InvalidSettingException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The delivery form as the change {@code PUT /api/sources/{id}/remote-delivery} takes (field → value, null clearing),
 * so that {@code RemoteDeliveries} checks it with the API's rules and refuses with the API's field names, which are the
 * form's. Only what a form cannot say the way JSON does is decided here: the secrets are write-only (a blank field keeps
 * the stored one, a "clear" box clears it), and numbers arrive as text.
 */
final class RemoteDeliveryForm {

    private RemoteDeliveryForm() {
    }

    static Map<String, Object> change(Map<String, String> form, RemoteDeliveryView stored) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("enabled", "remote".equals(form.get("delivery")));
        change.put("host", Forms.text(form, "host"));
        change.put("port", number(form, "port"));
        change.put("username", Forms.text(form, "username"));
        secret(form, "password", change);
        secret(form, "privateKey", change);
        secret(form, "privateKeyPassphrase", change);
        // sent only when the operator changed it: the field shows the pinned key, and sending that back unchanged would
        // keep it pinned when the host or port changes, which is when it must be forgotten
        String fingerprint = Forms.text(form, "hostKeyFingerprint");
        if (!Objects.equals(fingerprint, stored.hostKeyFingerprint())) {
            change.put("hostKeyFingerprint", fingerprint);
        }
        change.put("folder", Forms.text(form, "folder"));
        TypedLines patterns = TypedLines.of(form.get("patterns"));
        change.put("patterns", patterns.entries().isEmpty() ? null : patterns.entries());
        change.put("deleteAfterFetch", Forms.ticked(form, "deleteAfterFetch"));
        change.put("connectTimeoutSeconds", number(form, "connectTimeoutSeconds"));
        change.put("retries", number(form, "retries"));
        return change;
    }

    /** The box that clears a secret: the secret's field with this suffix. */
    static String clearField(String secret) {
        return secret + "Clear";
    }

    /** A blank field keeps the stored secret; the ticked "clear" box clears it; typing one and clearing it is refused. */
    private static void secret(Map<String, String> form, String field, Map<String, Object> change) {
        String typed = form.getOrDefault(field, "");
        boolean clear = Forms.ticked(form, clearField(field));
        if (clear && !typed.isEmpty()) {
            throw new InvalidSettingException(field, "Either type a new one or tick \"clear\", not both");
        }
        if (clear) {
            change.put(field, null);
        } else if (!typed.isEmpty()) {
            // as typed (spaces may belong to a password), but a pasted key's lines as a key file has them
            change.put(field, field.equals("privateKey") ? typed.replace("\r\n", "\n") : typed);
        }
    }

    /**
     * A number field: a whole number when the text is one, else the text itself, so that the API's rule refuses it with
     * its own message (range and all); null when blank, which the rule takes as "the default" or refuses.
     */
    private static Object number(Map<String, String> form, String field) {
        String text = Forms.text(form, field);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
