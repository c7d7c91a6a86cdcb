package org.rostersync.oneroster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * manifest.csv: property/value pairs; {@code file.<entity>} says whether each file is absent, bulk or delta.
 *
 * @param wrongDelimiter the delimiter the manifest was written with, when it is not the comma (then it has no pairs)
 */
public record Manifest(Map<String, String> properties, Optional<Delimiter> wrongDelimiter) {

    public static Manifest read(Path path) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        Optional<Delimiter> delimiter;
        try (CsvFile csv = CsvFile.open(path)) {
            delimiter = csv.header().size() >= 2 ? Optional.empty()
                    : Delimiter.of(csv.header(), java.util.List.of("propertyName", "value"));
            if (delimiter.isPresent()) {
                return new Manifest(Map.of(), delimiter);
            }
            for (CsvRow row : csv) {
                if (row.values().length >= 2 && !row.values()[0].isBlank()) {
                    properties.put(row.values()[0].trim(), row.values()[1].trim());
                }
            }
        }
        return new Manifest(Map.copyOf(properties), Optional.empty());
    }

    /** The declared mode of a file, if the manifest has a {@code file.<entity>} row. */
    public Optional<String> modeOf(String entity) {
        return Optional.ofNullable(properties.get("file." + entity)).map(v -> v.toLowerCase(Locale.ROOT));
    }
}
