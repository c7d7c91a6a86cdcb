package org.rostersync.oneroster;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly and knows the line of the first invalid byte. {@code InputStreamReader} would either replace
 * bad bytes with U+FFFD or fail somewhere in an 8 KiB read-ahead; this reader hands out every character before the bad
 * bytes, then fails with {@link InvalidUtf8Exception} naming the line they are on.
 */
final class StrictUtf8Reader extends Reader {

    private static final int BUFFER = 1 << 16;
    /**
     * No OneRoster row needs more; a longer row is almost always an unclosed quote swallowing the rest of the file. Rows
     * are told apart by counting quotes, as RFC 4180 does, so a quoted field spanning many short lines counts whole.
     */
    static final int MAX_LINE_CHARS = 1 << 16;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    private final CharBuffer chars = CharBuffer.allocate(BUFFER);
    /** The line of the next character handed out. */
    private long line = 1;
    /** Characters handed out since the current record began, and where it began. */
    private int recordLength;
    private long recordLine = 1;
    /** Inside a quoted field (an odd number of quotes since the record began: "" toggles twice). */
    private boolean inQuotes;
    private boolean eof;
    private boolean flushed;
    private InvalidUtf8Exception pending;
    private LineTooLongException tooLong;

    StrictUtf8Reader(InputStream in) {
        this.in = in;
        bytes.flip();
        chars.flip();
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (tooLong != null) {
            throw tooLong;
        }
        while (!chars.hasRemaining()) {
            if (pending != null) {
                throw pending;
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        for (int i = offset; i < offset + n; i++) {
            char ch = buffer[i];
            if (ch == '"') {
                inQuotes = !inQuotes;
            } else if (ch == '\n') {
                line++;
                if (!inQuotes) {
                    recordLength = 0;
                    recordLine = line;
                    continue;
                }
            }
            if (++recordLength > MAX_LINE_CHARS) {
                // Hand out what came before; the next read fails.
                tooLong = new LineTooLongException(recordLine);
                if (i == offset) {
                    throw tooLong;
                }
                return i - offset;
            }
        }
        return n;
    }

    /** Decodes the next characters; false at the end of the input. */
    private boolean fill() throws IOException {
        if (flushed) {
            return false;
        }
        chars.clear();
        while (true) {
            if (!eof && bytes.remaining() < BUFFER / 2) {
                bytes.compact();
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (read < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + read);
                }
                bytes.flip();
            }
            CoderResult result = decoder.decode(bytes, chars, eof);
            if (result.isError()) {
                pending = new InvalidUtf8Exception(line + newlines(chars));
                break;
            }
            if (result.isOverflow() || chars.position() > 0) {
                break;
            }
            if (eof) {
                if (!flushed) {
                    decoder.flush(chars);
                    flushed = true;
                }
                break;
            }
        }
        chars.flip();
        return chars.hasRemaining() || pending != null;
    }

    private static long newlines(CharBuffer decoded) {
        long count = 0;
        for (int i = 0; i < decoded.position(); i++) {
            if (decoded.get(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A row longer than {@link #MAX_LINE_CHARS}: reading stops there, so memory stays bounded. */
    static final class LineTooLongException extends IOException {

        private final long line;

        LineTooLongException(long line) {
            super("the row starting on line " + line + " is longer than " + MAX_LINE_CHARS + " characters; an unclosed"
                    + " quote may have run on into the lines after it");
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    /** Bytes that are not UTF-8, on a known line. */
    static final class InvalidUtf8Exception extends IOException {

        private final long line;

        InvalidUtf8Exception(long line) {
            super("line " + line + " holds bytes that are not valid UTF-8");
            this.line = line;
        }

        long line() {
            return line;
        }
    }
}
