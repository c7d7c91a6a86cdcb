package org.rostersync.oneroster;

/** How a column's text is read. Lists are comma-separated inside one (quoted) field. */
public enum ColumnType {
    /** A GUID, a GUID reference or free text: kept exactly as sent. */
    STRING,
    /** One of a fixed vocabulary. */
    ENUM,
    /** Comma-separated strings or GUID references. */
    LIST,
    /** YYYY-MM-DD. */
    DATE,
    /** YYYY, the year a school year ends. */
    YEAR,
    /** true or false. */
    BOOLEAN,
    /** users.userIds: a list of {type:identifier}. */
    USER_IDS
}
