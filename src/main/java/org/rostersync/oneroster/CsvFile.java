package org.rostersync.oneroster;

import org.apache.commons.io.input.BOMInputStream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams one CSV file row by row: RFC 4180 with CRLF, LF or CR, a leading UTF-8 BOM dropped, bytes decoded strictly
 * as UTF-8. A row the reader finds wrong (bytes that are not UTF-8, over-long, broken quoting) comes with its
 * {@link RowDefect}; only a quote that swallows the rest of the file stops it. Memory does not grow with the file.
 */
public final class CsvFile implements Closeable, Iterable<CsvRow> {

    private final RowReader reader;
    private final List<String> header;
    private final String name;
    private ReadAhead readAhead;

    private CsvFile(RowReader reader, List<String> header, String name) {
        this.reader = reader;
        this.header = header;
        this.name = name;
    }

    /** Opens the file and reads its header; an empty file has an empty header. */
    public static CsvFile open(Path path) throws IOException {
        InputStream in = BOMInputStream.builder().setInputStream(Files.newInputStream(path)).get();
        RowReader reader = new RowReader(in);
        try {
            CsvRow first = reader.next();
            if (first != null && first.defect() != null) {
                throw new CsvFormatException(1, first.defect().code(), "the header line " + first.defect().problem(), null);
            }
            List<String> header = first == null ? List.of() : Arrays.asList(first.values());
            return new CsvFile(reader, header, path.getFileName().toString());
        } catch (RowReader.UnreadableException e) {
            reader.close();
            throw translate(e);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    public List<String> header() {
        return header;
    }

    /** The rows, read on a second thread ahead of the caller; call at most once. */
    @Override
    public Iterator<CsvRow> iterator() {
        if (readAhead != null) {
            throw new IllegalStateException("the rows of a CsvFile are read once");
        }
        readAhead = new ReadAhead(sequential(), name);
        return readAhead;
    }

    private Iterator<CsvRow> sequential() {
        return new Iterator<>() {
            private CsvRow next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = reader.next();
                    } catch (RowReader.UnreadableException e) {
                        done = true;
                        throw translate(e);
                    } catch (IOException e) {
                        done = true;
                        throw new UncheckedIOException(e);
                    }
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public CsvRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CsvRow row = next;
                next = null;
                return row;
            }
        };
    }

    private static CsvFormatException translate(RowReader.UnreadableException e) {
        return new CsvFormatException(e.line(), "csv.unclosed_quote", e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        if (readAhead != null) {
            readAhead.close();
        }
        reader.close();
    }
}
