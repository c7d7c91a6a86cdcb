package org.rostersync.oneroster;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A delimiter other than the comma OneRoster requires, told from a header: a spreadsheet saved as "CSV" in a locale
 * whose decimal mark is a comma writes semicolons, and some exports use tabs or vertical bars. Such a file reads as one
 * column per line, so without this every check after the header would report a consequence, not the cause.
 */
public enum Delimiter {

    SEMICOLON(';', "semicolons (;)"),
    TAB('\t', "tabs"),
    PIPE('|', "vertical bars (|)");

    private final char symbol;
    private final String label;

    Delimiter(char symbol, String label) {
        this.symbol = symbol;
        this.label = label;
    }

    /** The character, as a string (a tab is {@code \t}). */
    public String symbol() {
        return symbol == '\t' ? "\\t" : String.valueOf(symbol);
    }

    /** How a message names it: "semicolons (;)". */
    public String label() {
        return label;
    }

    /**
     * The delimiter a header was written with, when it is not the comma: the one the header holds most often that
     * splits it into at least two names, one of them a column the file should have (letter case and quotes aside).
     *
     * @param header the header as read with commas
     * @param names  the columns the file may have
     */
    public static Optional<Delimiter> of(java.util.List<String> header, Collection<String> names) {
        String line = String.join(",", header);
        Set<String> known = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return Stream.of(values())
                .filter(d -> line.indexOf(d.symbol) >= 0)
                .sorted(Comparator.comparingLong((Delimiter d) -> line.chars().filter(c -> c == d.symbol).count()).reversed())
                .filter(d -> {
                    String[] parts = line.split(Pattern.quote(String.valueOf(d.symbol)), -1);
                    return parts.length >= 2 && Stream.of(parts)
                            .map(p -> p.trim().replace("\"", "").toLowerCase(Locale.ROOT)).anyMatch(known::contains);
                })
                .findFirst();
    }
}
