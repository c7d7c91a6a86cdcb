package org.rostersync.pipeline;

import org.rostersync.oneroster.CsvFile;
import org.rostersync.oneroster.CsvFormatException;
import org.rostersync.oneroster.CsvRow;
import org.rostersync.oneroster.Fields;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.tenant.InvalidSettingException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The schools an orgs.csv lists, read with the delivery reader, for mapping schools before the first delivery. */
public final class SchoolList {

    private SchoolList() {
    }

    /** A school (an org of type school) with its name. */
    public record Listed(String sourcedId, String name) {
    }

    /**
     * @throws InvalidSettingException naming the line (and column) when the file cannot be read as an orgs.csv
     */
    public static List<Listed> fromOrgsCsv(byte[] content) {
        Path file = null;
        try {
            file = Files.createTempFile("orgs", ".csv");
            Files.write(file, content);
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    private static List<Listed> read(Path file) throws IOException {
        try (CsvFile csv = CsvFile.open(file)) {
            Map<String, Integer> header = new LinkedHashMap<>();
            for (int i = 0; i < csv.header().size(); i++) {
                header.putIfAbsent(csv.header().get(i).trim().toLowerCase(Locale.ROOT), i);
            }
            int sourcedId = column(header, "sourcedId");
            int type = column(header, "type");
            Integer name = header.get("name");
            List<String> types = RosterFile.ORGS.column("type").orElseThrow().values();
            Map<String, Listed> schools = new LinkedHashMap<>();
            for (CsvRow row : csv) {
                String where = "orgs.csv line " + row.line();
                if (row.defect() != null && !row.defect().isRead()) {
                    throw new InvalidSettingException("orgs.csv", where + ": the row " + row.defect().problem());
                }
                String[] values = row.values();
                if (values.length == 1 && values[0].isEmpty()) {
                    continue;
                }
                if (values.length != csv.header().size()) {
                    throw new InvalidSettingException("orgs.csv", where + ": the row has " + values.length
                            + " fields but the header has " + csv.header().size());
                }
                if (!"school".equals(Fields.enumValue(values[type], types))) {
                    continue;
                }
                String id = values[sourcedId].trim();
                if (id.isEmpty()) {
                    throw new InvalidSettingException("orgs.csv", where + " column sourcedId: a school without a sourcedId");
                }
                schools.putIfAbsent(id, new Listed(id, name == null || values[name].isBlank() ? null : values[name].trim()));
            }
            if (schools.isEmpty()) {
                throw new InvalidSettingException("orgs.csv", "orgs.csv lists no org of type school");
            }
            return new ArrayList<>(schools.values());
        } catch (CsvFormatException e) {
            throw new InvalidSettingException("orgs.csv", "orgs.csv line " + e.line() + ": " + e.getMessage());
        }
    }

    private static int column(Map<String, Integer> header, String name) {
        Integer index = header.get(name.toLowerCase(Locale.ROOT));
        if (index == null) {
            throw new InvalidSettingException("orgs.csv", "orgs.csv line 1: the header has no " + name + " column");
        }
        return index;
    }
}
