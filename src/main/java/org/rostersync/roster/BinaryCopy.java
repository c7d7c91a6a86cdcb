package org.rostersync.roster;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format, for the new records of a load: the server stores the bytes as they come
 * instead of parsing text into uuids, numbers, dates and arrays. A first import is bound by the server's one backend,
 * and that parsing was a good part of its work. Each value is encoded for its column's type, as the table declares it.
 */
final class BinaryCopy {

    /** "PGCOPY\n\377\r\n\0", no flags, no header extension. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};

    /** The column types the roster tables use. */
    enum Type { TEXT, UUID, INT8, INT4, BOOL, DATE, TIMESTAMPTZ, JSONB, TEXT_ARRAY }

    private static final int TEXT_OID = 25;
    /** 2000-01-01, PostgreSQL's epoch, in days and seconds since 1970-01-01. */
    private static final long EPOCH_DAY = 10_957;
    private static final long EPOCH_SECOND = 946_684_800L;

    private final Type[] types;
    private ByteBuffer out = ByteBuffer.allocate(4096);

    /** @param types the type of each column a row holds, in order */
    BinaryCopy(Type[] types) {
        this.types = types.clone();
    }

    /** The types of the table's columns, in the order given. */
    static Type[] typesOf(Connection connection, String table, List<String> columns) throws SQLException {
        Type[] types = new Type[columns.size()];
        try (PreparedStatement ps = connection.prepareStatement("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int at = columns.indexOf(rs.getString(1));
                    if (at >= 0) {
                        types[at] = type(table, rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        for (int i = 0; i < types.length; i++) {
            if (types[i] == null) {
                throw new SQLException(table + " has no column " + columns.get(i));
            }
        }
        return types;
    }

    private static Type type(String table, String column, String sqlType) throws SQLException {
        return switch (sqlType) {
            case "text" -> Type.TEXT;
            case "uuid" -> Type.UUID;
            case "bigint" -> Type.INT8;
            case "integer" -> Type.INT4;
            case "boolean" -> Type.BOOL;
            case "date" -> Type.DATE;
            case "timestamp with time zone" -> Type.TIMESTAMPTZ;
            case "jsonb" -> Type.JSONB;
            case "text[]" -> Type.TEXT_ARRAY;
            default -> throw new SQLException(table + "." + column + " is of type " + sqlType + ", which binary COPY here does not write");
        };
    }

    /** One row: a value per column (null for NULL), encoded in {@link #bytes()} up to {@link #length()}. */
    BinaryCopy row(Object[] values) {
        out.clear();
        ensure(2);
        out.putShort((short) values.length);
        for (int i = 0; i < values.length; i++) {
            value(types[i], values[i]);
        }
        return this;
    }

    byte[] bytes() {
        return out.array();
    }

    int length() {
        return out.position();
    }

    private void value(Type type, Object value) {
        if (value == null) {
            ensure(4);
            out.putInt(-1);
            return;
        }
        switch (type) {
            case TEXT -> text(value instanceof Boolean b ? (b ? "t" : "f") : CopyText.text(value));
            case UUID -> {
                UUID uuid = (UUID) value;
                ensure(20);
                out.putInt(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            }
            case INT8 -> {
                ensure(12);
                out.putInt(8).putLong(((Number) value).longValue());
            }
            case INT4 -> {
                ensure(8);
                out.putInt(4).putInt(((Number) value).intValue());
            }
            case BOOL -> {
                ensure(5);
                out.putInt(1).put((byte) ((Boolean) value ? 1 : 0));
            }
            case DATE -> {
                ensure(8);
                out.putInt(4).putInt(Math.toIntExact(((LocalDate) value).toEpochDay() - EPOCH_DAY));
            }
            case TIMESTAMPTZ -> {
                ensure(12);
                out.putInt(8).putLong(micros((Instant) value));
            }
            case JSONB -> jsonb(value);
            case TEXT_ARRAY -> array((List<?>) value);
        }
    }

    /** Microseconds since 2000-01-01, the nanoseconds rounded half to even as the server rounds text. */
    static long micros(Instant instant) {
        long micros = instant.getNano() / 1000;
        int rest = instant.getNano() % 1000;
        if (rest > 500 || rest == 500 && (micros & 1) == 1) {
            micros++;
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond() - EPOCH_SECOND, 1_000_000L), micros);
    }

    private void text(String s) {
        int lengthAt = out.position();
        ensure(4);
        out.putInt(0);
        int start = out.position();
        utf8(s);
        out.putInt(lengthAt, out.position() - start);
    }

    /** jsonb's binary form: a version byte, then the JSON text the text format would carry. */
    private void jsonb(Object value) {
        int lengthAt = out.position();
        ensure(5);
        out.putInt(0).put((byte) 1);
        int start = out.position() - 1;
        utf8(CopyText.text(value));
        out.putInt(lengthAt, out.position() - start);
    }

    /** One dimension, no NULL elements, text elements, lower bound 1. */
    private void array(List<?> list) {
        int lengthAt = out.position();
        ensure(24);
        out.putInt(0).putInt(1).putInt(0).putInt(TEXT_OID).putInt(list.size()).putInt(1);
        int start = lengthAt + 4;
        for (Object element : list) {
            text(element.toString());
        }
        out.putInt(lengthAt, out.position() - start);
    }

    /** UTF-8 without a String's byte copy: most values are ASCII. */
    private void utf8(CharSequence s) {
        ensure(s.length() * 3);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                out.put((byte) ch);
            } else if (ch < 0x800) {
                out.put((byte) (0xc0 | ch >> 6)).put((byte) (0x80 | ch & 0x3f));
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(ch, s.charAt(++i));
                out.put((byte) (0xf0 | cp >> 18)).put((byte) (0x80 | cp >> 12 & 0x3f)).put((byte) (0x80 | cp >> 6 & 0x3f))
                        .put((byte) (0x80 | cp & 0x3f));
            } else if (Character.isSurrogate(ch)) {
                out.put((byte) '?'); // a lone surrogate is not UTF-8 (the reader never makes one): as the text format's writer
            } else {
                out.put((byte) (0xe0 | ch >> 12)).put((byte) (0x80 | ch >> 6 & 0x3f)).put((byte) (0x80 | ch & 0x3f));
            }
        }
    }

    private void ensure(int more) {
        if (out.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more + 1024));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
    }
}
