package org.rostersync.roster;

import org.postgresql.copy.CopyOut;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Reads PostgreSQL's binary COPY of (sourced_id_fp bigint, sourced_id text, row_hash bigint, tobedeleted boolean, ctid tid)
 * into a {@link RosterIndex} (or the parts of a large load). The sourcedId comes only for rows written before fingerprints and hashes were kept; such a
 * row gets hash 0, which matches no row, so it is rewritten once (and gains them).
 */
final class RosterRows {

    /** "PGCOPY\n\377\r\n\0", then 32-bit flags and a 32-bit header extension length. */
    private static final int HEADER = 11 + 4 + 4;

    private RosterRows() {
    }

    /** Where the records go: an index, or the parts of a large load. */
    @FunctionalInterface
    interface Sink {
        void record(long key, long hash, boolean tobedeleted, long ctid);
    }

    static void read(CopyOut copy, Sink index) throws SQLException {
        boolean first = true;
        for (byte[] message = copy.readFromCopy(); message != null; message = copy.readFromCopy()) {
            ByteBuffer row = ByteBuffer.wrap(message);
            if (first) {
                row.position(HEADER + row.getInt(HEADER - 4));
                first = false;
            }
            if (!row.hasRemaining()) {
                continue;
            }
            short fields = row.getShort();
            if (fields == -1) {
                continue; // the trailer: read on until the COPY ends, or the connection is left mid-COPY
            }
            if (fields != 5) {
                throw new SQLException("unexpected binary COPY row of " + fields + " fields");
            }
            long key = row.getInt() == -1 ? 0 : row.getLong();
            int idLength = row.getInt();
            String sourcedId = null;
            if (idLength >= 0) {
                sourcedId = new String(message, row.position(), idLength, StandardCharsets.UTF_8);
                row.position(row.position() + idLength);
            }
            row.getInt();
            long hash = row.getLong();
            row.getInt();
            boolean tobedeleted = row.get() != 0;
            row.getInt();
            long block = row.getInt() & 0xffffffffL;
            int offset = row.getShort() & 0xffff;
            if (sourcedId != null) {
                key = Fingerprint.of(sourcedId);
                hash = 0;
            }
            index.record(key, hash, tobedeleted, block << 16 | offset);
        }
    }
}
