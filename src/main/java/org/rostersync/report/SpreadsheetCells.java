package org.rostersync.report;

/**
 * Cells of a CSV meant for a spreadsheet: a value a spreadsheet would run as a formula (starting with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or CR) is prefixed with an apostrophe (OWASP, CWE-1236), as the values come from
 * SIS files anyone can write.
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    public static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
