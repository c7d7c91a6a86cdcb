package org.rostersync.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Runs statements: on the pool ({@link Db}, each call on a connection of its own) or in one transaction ({@link Tx}).
 * Parameters are bound in order of their {@code ?}: an {@link Instant} as a timestamp, an enum as its name, an
 * {@link #texts}/{@link #uuids} collection as an array, anything else as the driver binds it (null as an untyped NULL).
 */
public abstract class Statements {

    Statements() {
    }

    @FunctionalInterface
    interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs the work on a connection, turning its {@link SQLException} into a {@link DataAccessException}. */
    abstract <T> T onConnection(ConnectionWork<T> work);

    /** Every row the query answers, mapped. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return onConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                Row row = new Row(rs);
                while (rs.next()) {
                    out.add(mapper.map(row));
                }
                return out;
            }
        });
    }

    /** The first row the query answers, mapped; empty when it answers none (or the mapper answers null). */
    public <T> Optional<T> optional(String sql, RowMapper<T> mapper, Object... params) {
        return onConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(mapper.map(new Row(rs))) : Optional.empty();
            }
        });
    }

    /** The one row a query always answers (a count, {@code RETURNING} of an insert), mapped. */
    public <T> T one(String sql, RowMapper<T> mapper, Object... params) {
        return optional(sql, mapper, params).orElseThrow(() -> new IllegalStateException("no row from: " + sql));
    }

    /** Whether the query answers any row. */
    public boolean exists(String sql, Object... params) {
        return optional(sql, row -> Boolean.TRUE, params).isPresent();
    }

    /** Runs an INSERT, UPDATE or DELETE; returns how many rows it changed. */
    public int update(String sql, Object... params) {
        return onConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql, params)) {
                return ps.executeUpdate();
            }
        });
    }

    /** The parameters of one item of a batch, from the item and its position (0 for the first). */
    @FunctionalInterface
    public interface BatchParams<T> {
        Object[] of(T item, int position);
    }

    /** Runs the statement once per item, in one batch: one round trip. */
    public <T> void batch(String sql, Collection<T> items, BatchParams<T> params) {
        onConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int position = 0;
                for (T item : items) {
                    bind(c, ps, params.of(item, position++));
                    ps.addBatch();
                }
                ps.executeBatch();
                return null;
            }
        });
    }

    /** A {@code text[]} parameter. */
    public static Object texts(Collection<String> values) {
        return new SqlArray("text", values.toArray());
    }

    /** A {@code uuid[]} parameter. */
    public static Object uuids(Collection<java.util.UUID> values) {
        return new SqlArray("uuid", values.toArray());
    }

    /** An array parameter of a PostgreSQL element type ({@code int8}, {@code text}, ...). */
    public static Object array(String elementType, Object[] values) {
        return new SqlArray(elementType, values);
    }

    private record SqlArray(String type, Object[] values) {
    }

    static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            bind(c, ps, params);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, value(c, params[i]));
        }
    }

    private static Object value(Connection c, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            return Timestamp.from(instant);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof SqlArray a) {
            return c.createArrayOf(a.type(), a.values());
        }
        return value;
    }
}
