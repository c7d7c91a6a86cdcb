package org.rostersync.roster;

/** What a row does to the roster, as {@link FileLoad} decides by comparing it with the record. */
enum RowAction {
    /** Unchanged: nothing written. */
    NOTHING,
    INSERT,
    CHANGE,
    /** Unchanged, but stored without references that led nowhere: written again, in case their targets came. */
    REWRITE,
    DUPLICATE
}
