package org.rostersync.oneroster;

/** The file cannot be read further (a runaway quote, a broken header). Carries the line it happened on. */
public class CsvFormatException extends RuntimeException {

    private final long line;
    private final String code;

    /** @param code an issue code such as {@code csv.unclosed_quote} or {@code csv.malformed} */
    public CsvFormatException(long line, String code, String message, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.code = code;
    }

    public String code() {
        return code;
    }

    public long line() {
        return line;
    }
}
