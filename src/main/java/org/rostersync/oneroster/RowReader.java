package org.rostersync.oneroster;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes strictly (UTF-8, or the {@link Encoding} the file turned out to be in) and splits RFC 4180 records (CRLF, LF or CR; quoted fields with commas, doubled quotes and line
 * breaks) into fields, so that a bad row costs that row and not the file. Each row knows the line it starts on, and what
 * is wrong with it, if anything:
 * <ul>
 *   <li>bytes that are not UTF-8 become U+FFFD and the row is marked {@link RowDefect#INVALID_UTF8}, so that the field
 *       holding them can be named: never a silent replacement;</li>
 *   <li>a row over {@link #MAX_RECORD_CHARS} characters, a quoted field followed by stray characters ({@code "Smith" Jr}),
 *       or a quote left open on a one-line last row comes without its fields; memory never holds more than the limit;</li>
 *   <li>a quote left open that swallows line after line (past the limit, or to the end of the file) stops the file with
 *       {@link UnreadableException}: the rows after it cannot be told apart reliably.</li>
 * </ul>
 * Commons CSV parses valid files the same way (a test compares them), but stops at the first broken quote and cannot
 * say which line an undecodable byte is on; error recovery per row is why this reader exists.
 */
final class RowReader implements Closeable {

    /** No OneRoster row needs more; far beyond it, a row is an export bug, not data. */
    static final int MAX_RECORD_CHARS = 1 << 16;
    private static final int CHUNK = 1 << 16;
    private static final char REPLACEMENT = '\uFFFD';
    private static final String[] NO_VALUES = new String[0];

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    /** A quote inside a quoted field: either the field ends or the next character is the second quote of "". */
    private static final int QUOTE_IN_QUOTED = 3;
    /** Whitespace after a closing quote, which Commons CSV and most readers forgive: {@code "Smith" ,}. */
    private static final int AFTER_QUOTE = 4;

    /**
     * Asked once, at the first byte that is not UTF-8 when every byte before it was ASCII: whether the file is in fact
     * Windows-1252 from there on. The reader then decodes the rest (and so the whole file) as Windows-1252.
     */
    @FunctionalInterface
    interface LegacyCheck {
        /** @param offset where the byte is, in the stream's terms */
        boolean isWindows1252(long offset) throws IOException;
    }

    private InputStream in;
    private Encoding encoding;
    private CharsetDecoder decoder;
    /** Null once a fallback can no longer happen: a non-ASCII character was read, or the first check said no. */
    private LegacyCheck legacy;
    private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
    /** One place beyond CHUNK for the U+FFFD that stands in for undecodable bytes. */
    private final CharBuffer decoded = CharBuffer.allocate(CHUNK + 1);
    private int replacementAt = -1;

    /** The current row's field contents, end to end, and where each field ends. */
    private final char[] record = new char[MAX_RECORD_CHARS];
    private int length;
    private int[] fieldEnds = new int[32];
    private int fields;

    /** The line of the next character. */
    private long line = 1;
    private long recordLine = 1;
    /** Where the current record starts, in bytes from the start of the stream. */
    private long recordOffset;
    /** Bytes read from the stream so far. */
    private long streamBytes;
    /** Where the decoded chunk starts in the stream, and whether each of its characters took the same bytes (one in UTF-8). */
    private long chunkStart;
    private boolean chunkAscii = true;
    /** How many bytes the U+FFFD at {@link #replacementAt} stands for. */
    private int replacementBytes;
    /** A position in a chunk that is not all ASCII, and its byte offset: offsets are counted forward from it. */
    private int cursorChar;
    private long cursorByte;
    /** Line breaks inside quoted fields of the current row. */
    private int recordBreaks;
    private int state = FIELD_START;
    private boolean previousCr;
    private RowDefect defect;
    /** How many of the current row's fields were whole before its defect: they are handed on, the rest is not. */
    private int intact = -1;
    /** The field of the current row's first control character, or -1; and the character. */
    private int control = -1;
    private char controlCharacter;
    /** The stream has ended; every byte has been decoded. */
    private boolean eof;
    private boolean inputDone;
    private boolean finished;
    private CsvRow completed;
    private UnreadableException failure;

    RowReader(InputStream in) {
        this(in, Encoding.UTF_8, null);
    }

    /** @param legacy null: a file that is not valid UTF-8 stays UTF-8, its undecodable bytes reported per row */
    RowReader(InputStream in, Encoding encoding, LegacyCheck legacy) {
        this.in = in;
        this.encoding = encoding;
        this.decoder = decoder(encoding);
        this.legacy = encoding == Encoding.UTF_8 ? legacy : null;
        bytes.flip();
        decoded.flip();
    }

    private static CharsetDecoder decoder(Encoding encoding) {
        return encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The encoding the file was read in: the one it started with, or Windows-1252 if it fell back. */
    Encoding encoding() {
        return encoding;
    }

    /**
     * Starts reading again from another stream, which begins where a row began, so that one reader (and its buffers)
     * serves many rows read again at their offsets.
     *
     * @param line    the line the row starts on
     * @param offset  where the row starts in the file: the offset the stream's first byte stands for
     * @param afterCr whether the byte before the row is a CR: a LF that follows it then belongs to that line break
     */
    void restart(InputStream in, long line, long offset, boolean afterCr) {
        this.in = in;
        bytes.clear();
        bytes.flip();
        decoded.clear();
        decoded.flip();
        decoder.reset();
        replacementAt = -1;
        length = 0;
        fields = 0;
        this.line = line;
        recordLine = line;
        recordOffset = offset;
        streamBytes = offset;
        chunkStart = offset;
        chunkAscii = true;
        recordBreaks = 0;
        state = FIELD_START;
        previousCr = afterCr;
        defect = null;
        intact = -1;
        control = -1;
        eof = false;
        inputDone = false;
        finished = false;
        completed = null;
        failure = null;
    }

    /** The next row, or null at the end of the file. */
    CsvRow next() throws IOException {
        while (true) {
            if (completed != null) {
                CsvRow row = completed;
                completed = null;
                return row;
            }
            if (failure != null) {
                throw failure;
            }
            if (decoded.hasRemaining()) {
                frameAll();
            } else if (finished) {
                return null;
            } else if (inputDone) {
                finished = true;
                endOfInput();
            } else {
                decodeMore();
            }
        }
    }

    private void decodeMore() throws IOException {
        if (!eof && bytes.remaining() < CHUNK / 2) {
            bytes.compact();
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (read < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + read);
                streamBytes += read;
            }
            bytes.flip();
        }
        decoded.clear();
        decoded.limit(CHUNK);
        chunkStart = streamBytes - bytes.remaining();
        int from = bytes.position();
        CoderResult result = decoder.decode(bytes, decoded, eof);
        if (result.isError() && legacy != null && decoded.position() == bytes.position() - from
                && legacy.isWindows1252(chunkStart + decoded.position())) {
            // every byte so far was ASCII, which Windows-1252 reads alike: go on in it as if it had been so from the start
            encoding = Encoding.WINDOWS_1252;
            decoder = decoder(encoding);
            result = decoder.decode(bytes, decoded, eof);
        }
        replacementAt = -1;
        if (result.isError()) {
            bytes.position(bytes.position() + result.length());
            replacementAt = decoded.position();
            replacementBytes = result.length();
            decoded.limit(CHUNK + 1);
            decoded.put(REPLACEMENT);
        } else if (eof && result.isUnderflow()) {
            inputDone = true;
        }
        decoded.flip();
        chunkAscii = replacementAt < 0 && (long) decoded.remaining() * encoding.unit() == streamBytes - bytes.remaining() - chunkStart;
        if (legacy != null && (!chunkAscii || result.isError())) {
            legacy = null; // a non-ASCII character was read as UTF-8, or the check said it is not Windows-1252
        }
        cursorChar = 0;
        cursorByte = chunkStart;
    }

    /** The byte offset in the stream of a character of the decoded chunk (its index, or the chunk's end). */
    private long offsetOf(int index) {
        if (chunkAscii) {
            return chunkStart + (long) index * encoding.unit();
        }
        int width = encoding.width();
        char[] chars = decoded.array();
        while (cursorChar < index) {
            char ch = chars[cursorChar];
            cursorByte += cursorChar == replacementAt ? replacementBytes : width > 0 ? width
                    : ch < 0x80 ? 1 : ch < 0x800 || Character.isSurrogate(ch) ? 2 : 3; // a surrogate pair is 4 bytes
            cursorChar++;
        }
        return cursorByte;
    }

    private void frameAll() {
        char[] chars = decoded.array();
        int i = decoded.position();
        int limit = decoded.limit();
        while (i < limit && completed == null && failure == null) {
            if (i == replacementAt) {
                frame(chars[i++]);
                if (defect == null) {
                    defect = RowDefect.INVALID_UTF8;
                }
                continue;
            }
            if (state == UNQUOTED || state == QUOTED) {
                // Most characters change nothing: copy the run up to the next one that might.
                int stop = replacementAt > i ? replacementAt : limit;
                int run = i;
                while (run < stop && !endsRun(chars[run])) {
                    run++;
                }
                if (run > i) {
                    appendRun(chars, i, run - i);
                    i = run;
                    continue;
                }
            }
            frame(chars[i++]);
        }
        decoded.position(i);
        if (completed != null) {
            recordOffset = offsetOf(i); // the next record starts after the line break that ended this one
        }
    }

    /** A character that may change the state (comma, quote, line break) or that is a control character. */
    private static boolean endsRun(char ch) {
        return ch <= '"' ? ch != ' ' && ch != '!' && ch != '\t' : ch == ',' || ch == 0x7f;
    }

    /** C0 controls other than tab, CR and LF, and DEL: no OneRoster value holds them. */
    private static boolean isControl(char ch) {
        return ch < 0x20 ? ch != '\t' && ch != '\n' && ch != '\r' : ch == 0x7f;
    }

    private void frame(char ch) {
        if (isControl(ch) && control < 0) {
            control = fields;
            controlCharacter = ch;
        }
        if (ch == '\n' && previousCr) {
            previousCr = false;
            if (state == QUOTED) {
                append(ch);
            }
            // otherwise the rest of the CRLF that ended the row before
            return;
        }
        previousCr = ch == '\r';
        boolean eol = ch == '\r' || ch == '\n';
        if (eol) {
            line++;
        }
        switch (state) {
            case FIELD_START -> {
                if (ch == '"') {
                    state = QUOTED;
                } else if (ch == ',') {
                    endField();
                } else if (eol) {
                    endRecord();
                } else {
                    state = UNQUOTED;
                    append(ch);
                }
            }
            case UNQUOTED -> {
                if (ch == ',') {
                    endField();
                    state = FIELD_START;
                } else if (eol) {
                    endRecord();
                } else {
                    append(ch);
                }
            }
            case QUOTED -> {
                if (ch == '"') {
                    state = QUOTE_IN_QUOTED;
                    return;
                }
                if (eol) {
                    recordBreaks++;
                    if (defect == RowDefect.LINE_TOO_LONG) {
                        runaway();
                        return;
                    }
                }
                append(ch);
            }
            default -> { // QUOTE_IN_QUOTED, AFTER_QUOTE
                if (ch == '"' && state == QUOTE_IN_QUOTED) {
                    state = QUOTED;
                    append(ch);
                } else if (Character.isWhitespace(ch) && !eol && ch != ',') {
                    state = AFTER_QUOTE;
                } else if (ch == ',') {
                    endField();
                    state = FIELD_START;
                } else if (eol) {
                    endRecord();
                } else {
                    if (defect == null || defect == RowDefect.INVALID_UTF8) {
                        defect = RowDefect.STRAY_QUOTE;
                        intact = fields;
                    }
                    state = UNQUOTED;
                    append(ch);
                }
            }
        }
    }

    private void append(char ch) {
        if (defect == RowDefect.LINE_TOO_LONG) {
            return;
        }
        if (length < MAX_RECORD_CHARS) {
            record[length++] = ch;
        } else if (recordBreaks > 0) {
            runaway();
        } else {
            defect = RowDefect.LINE_TOO_LONG;
            intact = intact < 0 ? fields : Math.min(intact, fields);
        }
    }

    private void appendRun(char[] chars, int from, int count) {
        previousCr = false;
        if (defect != RowDefect.LINE_TOO_LONG && length + count <= MAX_RECORD_CHARS) {
            System.arraycopy(chars, from, record, length, count);
            length += count;
            return;
        }
        for (int i = from; i < from + count && failure == null; i++) {
            append(chars[i]);
        }
    }

    private void endField() {
        if (defect == RowDefect.LINE_TOO_LONG) {
            return;
        }
        if (fields == fieldEnds.length) {
            fieldEnds = java.util.Arrays.copyOf(fieldEnds, fields * 2);
        }
        fieldEnds[fields++] = length;
    }

    private void endRecord() {
        endField();
        String[] values = NO_VALUES;
        int whole = defect == null || defect.isRead() ? fields : Math.max(0, intact);
        if (whole > 0) {
            values = new String[whole];
            int start = 0;
            for (int f = 0; f < whole; f++) {
                int end = fieldEnds[f];
                values[f] = end == start ? "" : new String(record, start, end - start);
                start = end;
            }
        }
        completed = new CsvRow(recordLine, recordOffset, values, defect,
                control < 0 ? null : new CsvRow.ControlCharacter(control, controlCharacter));
        control = -1;
        length = 0;
        fields = 0;
        recordLine = line;
        recordBreaks = 0;
        state = FIELD_START;
        defect = null;
        intact = -1;
    }

    private void endOfInput() {
        if (state == QUOTED) {
            if (recordBreaks > 0) {
                runaway();
                return;
            }
            if (defect != RowDefect.LINE_TOO_LONG) {
                defect = RowDefect.UNCLOSED_QUOTE;
                intact = intact < 0 ? fields : Math.min(intact, fields);
            }
        }
        if (fields > 0 || length > 0 || state != FIELD_START || defect != null) {
            endRecord();
        }
    }

    /** An open quote has swallowed line after line: stop after the rows before it. */
    private void runaway() {
        finished = true;
        failure = new UnreadableException(recordLine, "a quoted field opened on line " + recordLine
                + " is never closed: it runs on over " + (recordBreaks + 1) + " lines"
                + (defect == RowDefect.LINE_TOO_LONG || length >= MAX_RECORD_CHARS
                ? " and more than " + MAX_RECORD_CHARS + " characters" : " to the end of the file")
                + ", swallowing the rows after it, so the file is not read past line " + (recordLine - 1));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A quote that swallows the rest of the file: nothing after its line can be read reliably. */
    static final class UnreadableException extends IOException {

        private final long line;

        UnreadableException(long line, String message) {
            super(message);
            this.line = line;
        }

        long line() {
            return line;
        }
    }
}
