package org.rostersync.oneroster;

/** What the reader found wrong with a row before any field was looked at. */
public enum RowDefect {

    /** Bytes that are not UTF-8, each read as U+FFFD so that the field holding them can be named. The row is read. */
    INVALID_UTF8("csv.invalid_utf8", "holds bytes that are not valid UTF-8 (was the file saved as Windows-1252 or Latin-1?)"),
    /** The row was not read, to keep memory bounded. */
    LINE_TOO_LONG("csv.line_too_long", "is longer than " + RowReader.MAX_RECORD_CHARS + " characters; the row was not read"),
    /** {@code "Smith" Jr}: RFC 4180 allows nothing between a closing quote and the next comma. The row was not read. */
    STRAY_QUOTE("csv.stray_quote", "has characters after the closing quote of a quoted field (e.g. \"Smith\" Jr);"
            + " quote the whole field and double the quotes inside it (\"\"\"Smith\"\" Jr\"); the row was not read"),
    /** The last row opens a quote it never closes. The row was not read. */
    UNCLOSED_QUOTE("csv.unclosed_quote", "opens a quoted field that is never closed; the row was not read");

    private final String code;
    private final String problem;

    RowDefect(String code, String problem) {
        this.code = code;
        this.problem = problem;
    }

    /** The issue code. */
    public String code() {
        return code;
    }

    /** Completes "the row ..." or "the header ...". */
    public String problem() {
        return problem;
    }

    /** Whether the row's fields are still there to check. */
    public boolean isRead() {
        return this == INVALID_UTF8;
    }
}
