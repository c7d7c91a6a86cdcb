package org.rostersync.oneroster;

/** The file cannot be read further: broken quoting or bytes that are not UTF-8. Carries the line it happened on. */
public class CsvFormatException extends RuntimeException {

    private final long line;

    public CsvFormatException(long line, String message, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
