package org.rostersync.roster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.Fields;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.support.RunningApp;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * New records go to the server in binary COPY and changed ones in text COPY: for every column of every roster table, the
 * two must store exactly the same value, escapes, Unicode, arrays, JSON, dates and fractions of a second included.
 */
@ExtendWith(RunningApp.class)
class BinaryCopyTest {

    private static final String TRICKY = "Zoë \"Jo\", {x} \\ back\tslash\nline 😀 字";

    @Test
    void aRowStoredFromBinaryIsTheRowStoredFromTextInEveryRosterTable(RunningApp.App app) throws Exception {
        DataSource db = app.context().getBean(DataSource.class);
        for (RosterFile file : RosterFile.values()) {
            for (boolean blank : new boolean[]{false, true}) {
                List<String> names = new ArrayList<>(List.of("tenant_id", "source_id", "sourced_id", "sourced_id_fp", "row_hash",
                        "date_last_modified", "status", "metadata"));
                List<Object> values = new ArrayList<>(List.of(UUID.randomUUID(), UUID.randomUUID(), "id " + TRICKY, Long.MIN_VALUE + 1,
                        -42L, Instant.parse("2026-08-17T06:00:00.123456789Z"), "tobedeleted"));
                Map<String, String> metadata = new LinkedHashMap<>();
                metadata.put("studentNumber", TRICKY);
                metadata.put("ключ", "");
                values.add(blank ? null : metadata);
                for (Column column : file.columns()) {
                    names.add(RosterTable.column(column));
                    values.add(blank ? null : sample(column));
                }
                assertEquals(stored(db, file, names, values, false), stored(db, file, names, values, true),
                        file.fileName() + (blank ? " with blank values" : ""));
            }
        }
    }

    @Test
    void fractionsOfAMicrosecondRoundHalfToEvenAsTheServerRoundsText() {
        assertEquals(0, BinaryCopy.micros(Instant.parse("2000-01-01T00:00:00.000000500Z")));
        assertEquals(2, BinaryCopy.micros(Instant.parse("2000-01-01T00:00:00.000001500Z")));
        assertEquals(2, BinaryCopy.micros(Instant.parse("2000-01-01T00:00:00.000001501Z")));
        assertEquals(-946_684_800_000_000L, BinaryCopy.micros(Instant.EPOCH));
    }

    private static Object sample(Column column) {
        return switch (column.type()) {
            case STRING, ENUM -> TRICKY;
            case LIST -> List.of("a,b", "c\"d", "e\\f", "{g}", "", "NULL", "ü 😀");
            case DATE -> LocalDate.of(1999, 12, 31);
            case DATETIME -> Instant.parse("1970-01-01T00:00:00.000000500Z");
            case BOOLEAN -> Boolean.FALSE;
            case YEAR -> 2027;
            case FLOAT -> 95.5;
            case USER_IDS -> List.of(new Fields.UserId("LDAP", TRICKY), new Fields.UserId("SIS", "900001"));
        };
    }

    /** The row as the server keeps it (as JSON), COPY'd into a copy of the table in one format or the other. */
    private static String stored(DataSource db, RosterFile file, List<String> names, List<Object> values, boolean binary) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            String table = "copy_" + (binary ? "binary" : "text");
            st.execute("CREATE TEMP TABLE " + table + " (LIKE " + RosterTable.name(file) + ") ON COMMIT DROP");
            String columns = String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            if (binary) {
                BinaryCopy encoder = new BinaryCopy(BinaryCopy.typesOf(c, table, names)).row(values.toArray());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(BinaryCopy.HEADER);
                out.write(encoder.bytes(), 0, encoder.length());
                out.write(BinaryCopy.TRAILER);
                copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)", new ByteArrayInputStream(out.toByteArray()));
            } else {
                StringBuilder line = new StringBuilder();
                for (Object value : values) {
                    if (!line.isEmpty()) {
                        line.append('\t');
                    }
                    CopyText.append(line, value);
                }
                copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN", new StringReader(line.append('\n').toString()));
            }
            try (ResultSet rs = st.executeQuery("SELECT to_jsonb(t)::text FROM " + table + " t")) {
                rs.next();
                String row = rs.getString(1);
                c.rollback();
                return row;
            }
        }
    }
}
