package org.rostersync.oneroster;

/**
 * One data row as read, before any interpretation.
 *
 * @param line   the physical line the row starts on (the header is line 1)
 * @param offset where the row starts, in bytes from the start of the file (after a BOM): {@link CsvFile#rowAt} reads
 *               it again from there
 * @param values the fields, in file order; may be shorter or longer than the header (a ragged row); when the defect
 *               means the row was not read, only the fields that were whole before it (usually the sourcedId, first),
 *               so that the record the row stands for can still be named
 * @param defect what the reader found wrong with the row, or null
 * @param control the first C0 control character (other than tab, CR and LF) or DEL in the row's fields, or null
 */
public record CsvRow(long line, long offset, String[] values, RowDefect defect, ControlCharacter control) {

    /** A control character found while the row was split, so that nobody scans the fields for it again. */
    public record ControlCharacter(int field, char character) {
    }
}
