package org.rostersync.oneroster;

/** What the reader found wrong with a row before any field was looked at. */
public enum RowDefect {

    /**
     * Bytes that cannot be decoded (not UTF-8 in a file that also holds UTF-8 text), each read as U+FFFD so that the
     * field holding them can be named. The row is split, but its record is not changed with a value that lost letters.
     */
    INVALID_UTF8("holds bytes that are not valid UTF-8 (was part of the file saved in another encoding?)"),
    /** The row was not read, to keep memory bounded. */
    LINE_TOO_LONG("is longer than " + RowReader.MAX_RECORD_CHARS + " characters"),
    /** {@code "Patel" Jr}: RFC 4180 allows nothing between a closing quote and the next comma. The row was not read. */
    STRAY_QUOTE("has a quote inside a field that is not quoted as a whole (e.g. \"Patel\" Jr): quote the"
            + " whole field and double the quotes inside it (\"\"\"Patel\"\" Jr\")"),
    /** The last row opens a quote it never closes. The row was not read. */
    UNCLOSED_QUOTE("opens a quoted field that is never closed");

    private final String problem;

    RowDefect(String problem) {
        this.problem = problem;
    }

    /** Completes "the row ..." or "the header line ...": what is wrong, without what was done about it. */
    public String problem() {
        return problem;
    }

    /**
     * Whether all the row's fields are there to check; otherwise only those before the defect are (see
     * {@link CsvRow#values()}).
     */
    public boolean isRead() {
        return this == INVALID_UTF8;
    }
}
