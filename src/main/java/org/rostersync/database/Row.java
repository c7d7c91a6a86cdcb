package org.rostersync.database;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The current row of a result, its columns (numbered from 1) read as our types; SQL NULL is null where a type allows it. */
public final class Row {

    private final ResultSet rs;

    Row(ResultSet rs) {
        this.rs = rs;
    }

    public String text(int column) {
        return read(column, rs::getString);
    }

    public UUID uuid(int column) {
        return read(column, i -> rs.getObject(i, UUID.class));
    }

    /** A {@code timestamptz} as the instant it names. */
    public Instant instant(int column) {
        Timestamp t = read(column, rs::getTimestamp);
        return t == null ? null : t.toInstant();
    }

    /** false for NULL. */
    public boolean bool(int column) {
        return read(column, rs::getBoolean);
    }

    /** 0 for NULL. */
    public int integer(int column) {
        return read(column, rs::getInt);
    }

    /** 0 for NULL. */
    public long number(int column) {
        return read(column, rs::getLong);
    }

    public Integer nullableInteger(int column) {
        return read(column, i -> rs.getObject(i, Integer.class));
    }

    public Long nullableNumber(int column) {
        return read(column, i -> rs.getObject(i, Long.class));
    }

    public byte[] bytes(int column) {
        return read(column, rs::getBytes);
    }

    /** A {@code text[]}; empty for NULL. */
    public List<String> texts(int column) {
        return array(column, String.class);
    }

    /** A {@code uuid[]}; empty for NULL. */
    public List<UUID> uuids(int column) {
        return array(column, UUID.class);
    }

    private <T> List<T> array(int column, Class<T> type) {
        Object[] values = read(column, i -> {
            Array array = rs.getArray(i);
            return array == null ? new Object[0] : (Object[]) array.getArray();
        });
        return Arrays.stream(values).map(type::cast).toList();
    }

    private interface Reader<T> {
        T read(int column) throws SQLException;
    }

    private static <T> T read(int column, Reader<T> reader) {
        try {
            return reader.read(column);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
