package org.rostersync.oneroster;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the binding's field formats. Each returns null for text it cannot read; callers report that. */
public final class Fields {

    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern USER_ID = Pattern.compile("\\{([^:{}]+):([^{}]*)}");

    private Fields() {
    }

    /** Splits a list field on commas and trims each element; empty elements are dropped. */
    public static List<String> list(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return out;
    }

    /** YYYY-MM-DD exactly (a real calendar date), or null. Hand-rolled: DateTimeFormatter is a hot spot at millions of rows. */
    public static LocalDate date(String text) {
        String t = text.trim();
        if (t.length() != 10 || t.charAt(4) != '-' || t.charAt(7) != '-') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    /** ISO 8601 with a zone, or without one (read as UTC), or a bare date (midnight UTC). */
    public static Instant dateTime(String text) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the lenient forms real files use
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try a date
        }
        LocalDate date = date(t);
        return date == null ? null : date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The strict form: ISO 8601 with a zone, e.g. {@code 2026-08-17T06:00:00.000Z}. */
    public static boolean isStrictDateTime(String text) {
        try {
            OffsetDateTime.parse(text.trim());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The CEDS v5 entry grade level codes OneRoster 1.1 uses for grades. */
    public static final java.util.Set<String> GRADES = java.util.Set.of("IT", "PR", "PK", "TK", "KG", "01", "02", "03", "04",
            "05", "06", "07", "08", "09", "10", "11", "12", "13", "PS", "UG", "Other");

    /** The grade codes, sorted and comma-separated, for messages. */
    public static final String GRADE_LIST = String.join(", ", GRADES.stream().sorted().toList());

    /** An enumeration extension ({@code ext:...}), which the binding allows for most vocabularies. */
    public static boolean isExtension(String text) {
        return text.startsWith("ext:") && text.length() > 4;
    }

    public static Integer year(String text) {
        String t = text.trim();
        return YEAR.matcher(t).matches() ? Integer.valueOf(t) : null;
    }

    /** A finite decimal number such as {@code 95.5} or {@code -1e3}. */
    public static Double decimal(String text) {
        try {
            double d = Double.parseDouble(text.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** true/false in any letter case. */
    public static Boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** The vocabulary's own spelling of {@code text}, matched without regard to letter case, or null. */
    public static String enumValue(String text, List<String> vocabulary) {
        String t = text.trim();
        for (String value : vocabulary) {
            if (value.equalsIgnoreCase(t)) {
                return value;
            }
        }
        return null;
    }

    /** {@code {LDAP:abc},{SIS:123}}, or null when any element is not of the form {type:identifier}. */
    public static List<UserId> userIds(String text) {
        List<UserId> out = new ArrayList<>();
        Matcher m = USER_ID.matcher(text);
        int at = 0;
        while (m.find()) {
            String between = text.substring(at, m.start()).trim();
            if (!between.isEmpty() && !between.equals(",")) {
                return null;
            }
            out.add(new UserId(m.group(1).trim(), m.group(2).trim()));
            at = m.end();
        }
        String rest = text.substring(at).trim();
        return rest.isEmpty() && !out.isEmpty() ? out : null;
    }

    /** One element of users.userIds. */
    public record UserId(String type, String identifier) {
    }
}
