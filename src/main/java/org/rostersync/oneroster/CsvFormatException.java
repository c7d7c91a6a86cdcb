package org.rostersync.oneroster;

/** The file cannot be read further (a runaway quote, a broken header). Carries the line it happened on. */
public class CsvFormatException extends RuntimeException {

    private final long line;
    private final RowDefect defect;

    /** @param defect what is wrong with the line, which names the issue */
    public CsvFormatException(long line, RowDefect defect, String message, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.defect = defect;
    }

    public RowDefect defect() {
        return defect;
    }

    public long line() {
        return line;
    }
}
