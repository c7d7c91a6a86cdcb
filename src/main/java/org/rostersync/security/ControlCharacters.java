package org.rostersync.security;

import java.util.Optional;

/**
 * The rule for text a request brings: no control characters (C0 and DEL), which PostgreSQL refuses (NUL), terminals and
 * logs obey, and no person types. Tab, CR and LF are allowed only in a multi-line field (keys, networks, patterns one
 * per line). Checked where requests are read, before anything reaches a store.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** @return what is wrong with the text, to follow the field's name in a message; empty when it is fine */
    public static Optional<String> refusal(String text, boolean multiLine) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f;
            boolean lineBreakOrTab = c == '\t' || c == '\n' || c == '\r';
            if (control && !(multiLine && lineBreakOrTab)) {
                return Optional.of(String.format("holds the control character U+%04X at character %d: control characters%s are not allowed",
                        (int) c, i + 1, multiLine ? " other than tab and line breaks" : ""));
            }
        }
        return Optional.empty();
    }
}
