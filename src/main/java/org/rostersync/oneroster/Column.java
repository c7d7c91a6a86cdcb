package org.rostersync.oneroster;

import java.util.List;

/**
 * One column of a rostering file.
 *
 * @param name     the CSV header name
 * @param type     how its text is read
 * @param required whether the spec requires a value
 * @param values   the vocabulary of an {@link ColumnType#ENUM} column, empty otherwise
 */
public record Column(String name, ColumnType type, boolean required, List<String> values) {

    public Column {
        values = List.copyOf(values);
    }

    static Column required(String name, ColumnType type) {
        return new Column(name, type, true, List.of());
    }

    static Column optional(String name, ColumnType type) {
        return new Column(name, type, false, List.of());
    }

    static Column requiredEnum(String name, String... values) {
        return new Column(name, ColumnType.ENUM, true, List.of(values));
    }

    static Column optionalEnum(String name, String... values) {
        return new Column(name, ColumnType.ENUM, false, List.of(values));
    }
}
