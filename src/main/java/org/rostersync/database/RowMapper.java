package org.rostersync.database;

/** Makes a value of one row of a result. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row);
}
