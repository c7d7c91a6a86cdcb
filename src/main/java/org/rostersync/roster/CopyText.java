package org.rostersync.roster;

import org.rostersync.oneroster.Fields;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Encodes values in PostgreSQL COPY text format: tab-separated, {@code \N} for null, backslash escapes. */
final class CopyText {

    private CopyText() {
    }

    static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof Boolean b) {
            out.append(b ? 't' : 'f');
        } else if (value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof LocalDate) {
            out.append(value);
        } else if (value instanceof java.time.Instant instant) {
            out.append(instant);
        } else {
            escape(out, text(value));
        }
    }

    /**
     * The text a value stands for before COPY's escapes, where it is not simply {@code toString()}: a list of user ids as
     * a JSON array, another list as an array literal, metadata as a JSON object. The binary format carries the same.
     */
    static String text(Object value) {
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Fields.UserId) {
            return userIdsJson(list);
        } else if (value instanceof List<?> list) {
            return arrayLiteral(list);
        } else if (value instanceof Map<?, ?> map) {
            return jsonObject(map);
        }
        return value.toString();
    }

    private static void escape(StringBuilder out, String s) {
        int plain = 0;
        while (plain < s.length() && !needsEscape(s.charAt(plain))) {
            plain++;
        }
        if (plain == s.length()) {
            out.append(s); // most values need no escape: copied whole, not a character at a time
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    private static boolean needsEscape(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
    }

    /** {"a","b \"c\""}: every element quoted, so commas, braces and spaces inside elements are safe. */
    private static String arrayLiteral(List<?> list) {
        StringBuilder a = new StringBuilder("{");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                a.append(',');
            }
            a.append('"');
            String s = list.get(i).toString();
            for (int j = 0; j < s.length(); j++) {
                char ch = s.charAt(j);
                if (ch == '"' || ch == '\\') {
                    a.append('\\');
                }
                a.append(ch);
            }
            a.append('"');
        }
        return a.append('}').toString();
    }

    private static String userIdsJson(List<?> list) {
        StringBuilder j = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            Fields.UserId id = (Fields.UserId) list.get(i);
            if (i > 0) {
                j.append(',');
            }
            j.append("{\"type\":");
            jsonString(j, id.type());
            j.append(",\"identifier\":");
            jsonString(j, id.identifier());
            j.append('}');
        }
        return j.append(']').toString();
    }

    private static String jsonObject(Map<?, ?> map) {
        StringBuilder j = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                j.append(',');
            }
            first = false;
            jsonString(j, e.getKey().toString());
            j.append(':');
            jsonString(j, e.getValue().toString());
        }
        return j.append('}').toString();
    }

    static void jsonString(StringBuilder j, String s) {
        j.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> j.append("\\\"");
                case '\\' -> j.append("\\\\");
                case '\n' -> j.append("\\n");
                case '\r' -> j.append("\\r");
                case '\t' -> j.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        j.append(String.format("\\u%04x", (int) ch));
                    } else {
                        j.append(ch);
                    }
                }
            }
        }
        j.append('"');
    }
}
