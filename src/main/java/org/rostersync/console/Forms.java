package org.rostersync.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import org.rostersync.security.ControlCharacters;
import org.rostersync.tenant.InvalidSettingException;

import java.util.Map;
import java.util.Set;

/** What every form of the console shares. */
final class Forms {

    private Forms() {
    }

    /** A form without this session's token: posted from elsewhere, or from a page of an ended session. */
    static HttpResponse<String> refused() {
        return Pages.secured(HttpResponse.<String>status(HttpStatus.FORBIDDEN)
                .body("This form is out of date or came from another site. Go back, reload the page and try again.")
                .contentType(MediaType.TEXT_PLAIN_TYPE));
    }

    /**
     * A whole number typed into a form field. @throws InvalidSettingException naming the field when it is blank, not a
     * number, or out of range
     */
    static int integer(Map<String, String> form, String field, String label, int min, int max) {
        String text = form.getOrDefault(field, "").strip();
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same message as a number out of range
        }
        throw new InvalidSettingException(field, label + " must be a whole number from " + min + " to " + max
                + (text.isEmpty() ? "" : ", not \"" + text + "\""));
    }

    /**
     * An optional whole number, null when left blank; its range is the setting's own check to make.
     * @throws InvalidSettingException naming the field when it is not a whole number
     */
    static Integer optionalInteger(Map<String, String> form, String field) {
        String text = text(form, field);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(field, field + " must be a whole number, not \"" + text + "\"");
        }
    }

    /** Fields typed one entry per line (and a private key): tab and line breaks are theirs; in any other field they are refused. */
    private static final Set<String> MULTI_LINE = Set.of("allowedNetworks", "authorizedKeys", "blackouts", "patterns",
            "schoolSourcedIds", "privateKey", "contacts");

    /**
     * Every field of a form, checked for control characters before any of it is read further: a NUL would otherwise
     * reach PostgreSQL and fail there. Each form calls this first in the block that answers its refusals.
     *
     * @throws InvalidSettingException naming the first field that holds one, so the page shows it next to that field
     */
    static void check(Map<String, String> form) {
        for (Map.Entry<String, String> field : form.entrySet()) {
            ControlCharacters.refusal(field.getKey(), false).ifPresent(problem -> {
                throw new InvalidSettingException("form", "A field's name " + problem);
            });
            ControlCharacters.refusal(field.getValue(), MULTI_LINE.contains(field.getKey())).ifPresent(problem -> {
                throw new InvalidSettingException(field.getKey(), "This field " + problem + ".");
            });
        }
    }

    /** A ticked checkbox sends its field; an unticked one sends nothing. */
    static boolean ticked(Map<String, String> form, String field) {
        return form.containsKey(field);
    }

    /** A text field, null when left blank (a blank field clears an optional setting). */
    static String text(Map<String, String> form, String field) {
        String text = form.get(field);
        return text == null || text.isBlank() ? null : text.strip();
    }
}
