package org.rostersync.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A statement being built: fixed SQL text from this package, and the values bound to its {@code ?}, in order. */
final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    /** Text arrays are bound with {@code createArrayOf}, which needs the connection. */
    private record TextArray(String[] values) {
    }

    private record UuidArray(UUID[] values) {
    }

    Sql append(String sql, Object... values) {
        text.append(sql);
        params.addAll(List.of(values));
        return this;
    }

    static Object texts(java.util.Collection<String> values) {
        return new TextArray(values.toArray(String[]::new));
    }

    static Object uuids(java.util.Collection<UUID> values) {
        return new UuidArray(values.toArray(UUID[]::new));
    }

    PreparedStatement prepare(Connection c) throws SQLException {
        PreparedStatement ps = c.prepareStatement(text.toString());
        try {
            int i = 1;
            for (Object value : params) {
                if (value instanceof TextArray a) {
                    ps.setArray(i++, c.createArrayOf("text", a.values()));
                } else if (value instanceof UuidArray a) {
                    ps.setArray(i++, c.createArrayOf("uuid", a.values()));
                } else {
                    ps.setObject(i++, value);
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
