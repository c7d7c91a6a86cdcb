package org.rostersync.oneroster;

/**
 * One data row as read, before any interpretation.
 *
 * @param line   the physical line the row starts on (the header is line 1)
 * @param values the fields, in file order; may be shorter or longer than the header (a ragged row); empty when the
 *               defect means the row was not read
 * @param defect what the reader found wrong with the row, or null
 */
public record CsvRow(long line, String[] values, RowDefect defect) {

    public CsvRow(long line, String[] values) {
        this(line, values, null);
    }
}
