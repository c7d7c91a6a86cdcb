package org.rostersync.oneroster;

import java.util.Locale;

/** How a column's text is read. Lists are comma-separated inside one (quoted) field. */
public enum ColumnType {
    /** A GUID, a GUID reference or free text: kept exactly as sent. */
    STRING,
    /** One of a fixed vocabulary. */
    ENUM,
    /** Comma-separated strings, GUID references or enumeration values. */
    LIST,
    /** YYYY-MM-DD. */
    DATE,
    /** ISO 8601, normalised to UTC. */
    DATETIME,
    /** YYYY, the year a school year ends. */
    YEAR,
    /** true or false. */
    BOOLEAN,
    /** A decimal number. */
    FLOAT,
    /** users.userIds: a list of {type:identifier}. */
    USER_IDS;

    /** The type a schema file names ({@code guidRef}, {@code stringList}, ...). */
    static ColumnType ofSchema(String schemaType) {
        return switch (schemaType) {
            case "guid", "guidRef", "string" -> STRING;
            case "guidRefList", "stringList", "enumList" -> LIST;
            case "userIdList" -> USER_IDS;
            case "enum", "date", "datetime", "year", "boolean", "float" -> valueOf(schemaType.toUpperCase(Locale.ROOT));
            default -> throw new IllegalArgumentException("unknown column type '" + schemaType + "' in a schema");
        };
    }
}
