package org.rostersync.oneroster;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams one CSV file row by row: RFC 4180 with CRLF or LF, a leading UTF-8 BOM dropped, bytes decoded strictly as
 * UTF-8 (an invalid byte stops the file with its line instead of becoming U+FFFD). Memory does not grow with the file.
 */
public final class CsvFile implements Closeable, Iterable<CsvRow> {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreSurroundingSpaces(false)
            .get();

    private final CSVParser parser;
    private final List<String> header;
    private final String name;
    private ReadAhead readAhead;

    private CsvFile(CSVParser parser, List<String> header, String name) {
        this.parser = parser;
        this.header = header;
        this.name = name;
    }

    /** Opens the file and reads its header; an empty file has an empty header. */
    public static CsvFile open(Path path) throws IOException {
        InputStream in = BOMInputStream.builder().setInputStream(Files.newInputStream(path)).get();
        StrictUtf8Reader reader = new StrictUtf8Reader(in);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        Iterator<CSVRecord> records = parser.iterator();
        List<String> header;
        try {
            header = records.hasNext() ? records.next().toList() : List.of();
        } catch (UncheckedIOException | IllegalStateException e) {
            parser.close();
            throw translate(e, 1);
        }
        return new CsvFile(parser, header, path.getFileName().toString());
    }

    public List<String> header() {
        return header;
    }

    /** The rows, parsed on a second thread ahead of the caller; call at most once. */
    @Override
    public Iterator<CsvRow> iterator() {
        if (readAhead != null) {
            throw new IllegalStateException("the rows of a CsvFile are read once");
        }
        readAhead = new ReadAhead(sequential(), name);
        return readAhead;
    }

    private Iterator<CsvRow> sequential() {
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            private long nextLine = parser.getCurrentLineNumber() + 1;

            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw translate(e, nextLine);
                }
            }

            @Override
            public CsvRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CSVRecord record;
                try {
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw translate(e, nextLine);
                }
                CsvRow row = new CsvRow(nextLine, record.values());
                nextLine = parser.getCurrentLineNumber() + 1;
                return row;
            }
        };
    }

    private static CsvFormatException translate(RuntimeException e, long line) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof StrictUtf8Reader.LineTooLongException tooLong) {
            return new CsvFormatException(tooLong.line(), "csv.line_too_long", tooLong.getMessage(), e);
        }
        if (cause instanceof StrictUtf8Reader.InvalidUtf8Exception bad) {
            return new CsvFormatException(bad.line(), "csv.invalid_utf8", "the file is not valid UTF-8: " + bad.getMessage(), e);
        }
        return new CsvFormatException(line, "csv.malformed", "the CSV cannot be read past line " + line + ": " + cause.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        if (readAhead != null) {
            readAhead.close();
        }
        parser.close();
    }
}
