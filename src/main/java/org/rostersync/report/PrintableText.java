package org.rostersync.report;

/**
 * Text a client sent, made storable: PostgreSQL refuses NUL in text, and one such value would lose the record it is in
 * (or, in a batch, every record of the batch). Control characters are kept visible as {@code \\uXXXX}, so the record
 * shows what came, and no log or page line can be forged with them.
 */
public final class PrintableText {

    private PrintableText() {
    }

    public static String of(String text) {
        if (text == null || text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
