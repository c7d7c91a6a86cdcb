package org.rostersync.console;

import org.rostersync.tenant.InvalidSettingException;

import java.util.ArrayList;
import java.util.List;

/**
 * A textarea's entries, one per line. Blank lines are skipped (a trailing newline is not an entry), yet every entry keeps
 * the line it was typed on, so that a refusal of the list's third entry can name the line the operator sees.
 *
 * @param entries     the non-blank lines, stripped
 * @param lineNumbers per entry, its line in the textarea (from 1)
 */
record TypedLines(List<String> entries, List<Integer> lineNumbers) {

    TypedLines {
        entries = List.copyOf(entries);
        lineNumbers = List.copyOf(lineNumbers);
    }

    static TypedLines of(String text) {
        List<String> entries = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\r\\n|\\r|\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                entries.add(lines[i].strip());
                numbers.add(i + 1);
            }
        }
        return new TypedLines(entries, numbers);
    }

    /**
     * The refusal's message, its list entry ({@code authorizedKeys[2]}, which only an API client would recognise)
     * worded as the textarea line it came from ({@code Line 3}); a part of an entry ({@code blackouts[1].to}) keeps its
     * name after the line; other messages as they are.
     */
    String explain(InvalidSettingException e, String listField) {
        String message = e.getMessage();
        String prefix = listField + "[";
        int close = e.field().indexOf(']');
        if (!e.field().startsWith(prefix) || close < 0) {
            return message;
        }
        int index;
        try {
            index = Integer.parseInt(e.field().substring(prefix.length(), close));
        } catch (NumberFormatException notAnIndex) {
            return message;
        }
        String entry = e.field().substring(0, close + 1);
        String line = index >= 0 && index < lineNumbers.size() ? "Line " + lineNumbers.get(index) : entry;
        return e.field().equals(entry) && message.startsWith(entry) ? line + message.substring(entry.length()) : line + ": " + message;
    }
}
