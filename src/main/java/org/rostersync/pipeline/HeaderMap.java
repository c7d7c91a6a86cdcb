package org.rostersync.pipeline;

import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.Delimiter;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.IssueCode;
import org.rostersync.report.Outcome;
import org.rostersync.tenant.Requirement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each known column sits in a file's header. Columns are matched by name in any order; a name that matches only
 * after trimming or ignoring letter case is accepted with a warning. {@code metadata.*} columns are kept; other unknown
 * columns are ignored with a warning.
 *
 * @param sourcedId  the index of sourcedId (always present: without it the file is refused)
 * @param status     the index of status, or -1
 * @param modified   the index of dateLastModified, or -1
 * @param columns    per {@link RosterFile#columns()}, its index or -1 when the header lacks it
 * @param metadata   index to metadata key (the name after {@code metadata.})
 * @param width      the number of header fields
 * @param legacyUserIds users.userIds comes from the OneRoster 1.0 column userId, whose values are plain identifiers
 */
record HeaderMap(int sourcedId, int status, int modified, int[] columns, Map<Integer, String> metadata, int width,
                 boolean legacyUserIds) {

    /** OneRoster 1.0 column names, by file, and the 1.1 column each became. */
    private static final Map<RosterFile, Map<String, String>> LEGACY = Map.of(
            RosterFile.USERS, Map.of("agentSourcedIds", "agents", "userIds", "userId", "grades", "grade"),
            RosterFile.CLASSES, Map.of("grades", "grade"),
            RosterFile.COURSES, Map.of("grades", "grade"),
            RosterFile.DEMOGRAPHICS, Map.of("sourcedId", "userSourcedId"));

    /** Maps the header, reporting what is off; returns null when the file cannot be imported (fatal issue added). */
    static HeaderMap of(RosterFile file, List<String> header, Requirement[] rules, RunIssues issues) {
        return of(file, header, rules, Map.of(), issues);
    }

    /**
     * Maps the header, reading some attributes from other columns (the source's attribute mapping: attribute → column);
     * returns null when the file cannot be imported (fatal issue added).
     */
    static HeaderMap of(RosterFile file, List<String> header, Requirement[] rules, Map<String, String> mapped, RunIssues issues) {
        String name = file.fileName();
        Map<String, Integer> exact = new HashMap<>();
        Map<String, Integer> folded = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (!seen.add(h.trim())) {
                issues.add(IssueCode.SCHEMA_DUPLICATE_HEADER.header(name, h).message("the header names column '" + h.trim()
                        + "' twice"));
                return null;
            }
            exact.putIfAbsent(h, i);
            folded.putIfAbsent(h.trim().toLowerCase(Locale.ROOT), i);
        }
        if (file == RosterFile.USERS && exact.containsKey("primaryOrgSourcedId") && !exact.containsKey("orgSourcedIds")) {
            issues.add(IssueCode.SCHEMA_ONEROSTER_1_2_LAYOUT.header(name, "primaryOrgSourcedId").message(name
                    + " has the OneRoster 1.2 layout (primaryOrgSourcedId, no orgSourcedIds or role): rostersync receives"
                            + " OneRoster 1.1; export the 1.1 users.csv, or send roles in orgSourcedIds and role"));
            return null;
        }
        Set<Integer> used = new HashSet<>();
        Map<String, String> legacy = LEGACY.getOrDefault(file, Map.of());
        int sourcedId = find("sourcedId", exact, folded, used, name, issues);
        if (sourcedId < 0) {
            sourcedId = findLegacy("sourcedId", legacy, exact, used, name, issues);
        }
        if (sourcedId < 0 && wrongDelimiter(file, header, issues)) {
            return null;
        }
        if (sourcedId < 0) {
            issues.add(IssueCode.SCHEMA_MISSING_HEADER.header(name, "sourcedId").outcome(Outcome.fatal).message(name
                    + " has no sourcedId column, so none of its rows can be identified"));
            return null;
        }
        int status = find("status", exact, folded, used, name, issues);
        int modified = find("dateLastModified", exact, folded, used, name, issues);
        int[] columns = new int[file.columns().size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            Column column = file.columns().get(c);
            String source = mapped.get(column.name());
            if (source != null) {
                Integer i = exact.containsKey(source) ? exact.get(source) : folded.get(source.trim().toLowerCase(Locale.ROOT));
                if (i != null) {
                    columns[c] = i;
                    if (!source.startsWith("metadata.")) {
                        used.add(i); // a metadata.* column stays in metadata too
                    }
                    continue;
                }
                issues.add(IssueCode.SCHEMA_MAPPED_COLUMN_MISSING.header(name, source)
                        .message("the source's attribute mapping reads " + file.entity() + "." + column.name()
                        + " from column '" + source
                                + "', which the header lacks; read from " + column.name() + " instead"));
            }
            columns[c] = find(column.name(), exact, folded, used, name, issues);
            if (columns[c] < 0) {
                columns[c] = findLegacy(column.name(), legacy, exact, used, name, issues);
            }
            if (columns[c] < 0) {
                missing.add(column.name());
                if (rules[c] == Requirement.skip) {
                    issues.add(IssueCode.SCHEMA_MISSING_HEADER.header(name, column.name()).outcome(Outcome.fatal)
                            .message("the header has no " + column.name() + " column, and the source requires " + file.entity()
                            + "."
                                    + column.name() + " (Skip if Missing): no record of " + name + " could be imported"));
                    return null;
                }
                issues.add(IssueCode.SCHEMA_MISSING_HEADER.header(name, column.name())
                        .outcome(rules[c] == Requirement.report ? Outcome.error : Outcome.warning).message("the header has no "
                        + column.name() + " column" + (rules[c] == Requirement.report
                                ? "; it is required, so every record is imported without it (one error for all rows)"
                                : "; read as blank")));
            }
        }
        Map<Integer, String> metadata = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (used.contains(i)) {
                continue;
            }
            String h = header.get(i).trim();
            if (h.startsWith("metadata.") && h.length() > "metadata.".length()) {
                metadata.put(i, h.substring("metadata.".length()));
            } else if (RosterFile.NOT_KEPT.contains(h)) {
                continue;
            } else {
                issues.add(IssueCode.SCHEMA_UNKNOWN_HEADER.header(name, h).message("column '" + h
                        + "' is not part of OneRoster 1.1 " + name + " and was ignored"
                                + " (vendor data belongs in metadata.* columns)"));
            }
        }
        boolean legacyUserIds = file == RosterFile.USERS && !exact.containsKey("userIds") && exact.containsKey("userId");
        return new HeaderMap(sourcedId, status, modified, columns, metadata, header.size(), legacyUserIds);
    }

    /**
     * Whether the header was written with another delimiter than the comma: then the one fatal issue says so, where the
     * missing sourcedId it leads to would only be its consequence.
     */
    private static boolean wrongDelimiter(RosterFile file, List<String> header, RunIssues issues) {
        List<String> names = new ArrayList<>(List.of("sourcedId", "status", "dateLastModified"));
        file.columns().forEach(c -> names.add(c.name()));
        names.addAll(LEGACY.getOrDefault(file, Map.of()).keySet());
        Optional<Delimiter> found = Delimiter.of(header, names);
        found.ifPresent(d -> issues.add(IssueCode.CSV_WRONG_DELIMITER.at(file.fileName(), 1L).value(d.symbol())
                .message(file.fileName() + " is delimited by " + d.label() + ", not commas: its header reads as "
                        + (header.size() == 1 ? "one column" : header.size() + " columns") + ", so none of its rows can be read."
                        + " Export it as comma-separated CSV, as OneRoster requires")));
        return found.isPresent();
    }

    /** The index of the OneRoster 1.0 name of a column, with a warning, or -1. */
    private static int findLegacy(String column, Map<String, String> legacy, Map<String, Integer> exact, Set<Integer> used,
                                  String file, RunIssues issues) {
        String old = legacy.get(column);
        Integer i = old == null ? null : exact.get(old);
        if (i == null || used.contains(i)) {
            return -1;
        }
        used.add(i);
        issues.add(IssueCode.SCHEMA_LEGACY_HEADER.header(file, old).message("column '" + old
                + "' is the OneRoster 1.0 name of " + column + "; read as " + column
                + (column.equals("userIds") ? " (each value as {userId:value})" : "")));
        return i;
    }

    private static int find(String column, Map<String, Integer> exact, Map<String, Integer> folded, Set<Integer> used,
                            String file, RunIssues issues) {
        Integer i = exact.get(column);
        if (i == null) {
            i = folded.get(column.toLowerCase(Locale.ROOT));
            if (i != null) {
                issues.add(IssueCode.SCHEMA_HEADER_CASE.header(file, column).message("header column " + (i + 1)
                        + " should be spelled '" + column + "' exactly (header names are case-sensitive)"));
            }
        }
        if (i == null) {
            return -1;
        }
        used.add(i);
        return i;
    }
}
