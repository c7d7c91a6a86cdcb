package org.rostersync.oneroster;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One column of a OneRoster file, as its schema in {@code schemas/oneroster-1.1} describes it.
 *
 * @param name       the CSV header name
 * @param type       how its text is read
 * @param required   whether the spec requires a value
 * @param values     the vocabulary of an enumeration (or enumeration list), empty otherwise
 * @param references the file a GUID reference points into (e.g. {@code orgs}), or null
 */
public record Column(String name, ColumnType type, boolean required, List<String> values, @Nullable String references) {

    public Column {
        values = List.copyOf(values);
    }
}
