package org.rostersync.oneroster;

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
 * Streams one CSV file row by row: RFC 4180 with CRLF, LF or CR, a leading byte order mark dropped, bytes decoded
 * strictly as UTF-8, or as the {@link Encoding} the file is in: UTF-16 (told by its mark or its zero bytes), or
 * Windows-1252 when the file's first byte that is not UTF-8 comes before any UTF-8 character and none follows. A row the
 * reader finds wrong (bytes that are not UTF-8, over-long, broken quoting) comes with its
 * {@link RowDefect}; only a quote that swallows the rest of the file stops it. Memory does not grow with the file.
 */
public final class CsvFile implements Closeable, Iterable<CsvRow> {

    private final RowReader reader;
    private final List<String> header;
    private final String name;
    private ReadAhead readAhead;

    private final Encoding started;

    private CsvFile(RowReader reader, List<String> header, String name, Encoding started) {
        this.reader = reader;
        this.header = header;
        this.name = name;
        this.started = started;
    }

    /** Opens the file and reads its header; an empty file has an empty header. */
    public static CsvFile open(Path path) throws IOException {
        Encoding.Start start = Encoding.sniff(path);
        InputStream in = Files.newInputStream(path);
        in.skipNBytes(start.bom());
        RowReader reader = new RowReader(in, start.encoding(), offset -> Encoding.restIsWindows1252(path, start.bom() + offset));
        try {
            CsvRow first = reader.next();
            if (first != null && first.defect() != null) {
                throw new CsvFormatException(1, first.defect(), "the header line " + first.defect().problem(), null);
            }
            List<String> header = first == null ? List.of() : Arrays.asList(first.values());
            return new CsvFile(reader, header, path.getFileName().toString(), start.encoding());
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

    /**
     * The encoding the file is read in; once its rows are read to the end, the one it was read in throughout (see
     * {@link CsvRereader#open(Path, Encoding)}).
     */
    public Encoding encoding() {
        return reader.encoding();
    }

    /**
     * What an operator should know about the file's encoding once it has been read, or null when it was UTF-8: the
     * file was read correctly, but is not what OneRoster asks for.
     */
    public String encodingNote() {
        Encoding now = reader.encoding();
        if (now == Encoding.WINDOWS_1252) {
            return "the file is not UTF-8: its accented letters are Windows-1252 bytes (an older SIS's export), so it was"
                    + " read as Windows-1252 and its names were kept. Export it as UTF-8, which OneRoster requires";
        }
        if (now != Encoding.UTF_8) {
            return "the file is " + now.label() + ", not UTF-8: it was read as " + now.label() + " and its names were kept."
                    + " Export it as UTF-8, which OneRoster requires (a spreadsheet's \"Unicode text\" is UTF-16)";
        }
        return null;
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
        return new CsvFormatException(e.line(), RowDefect.UNCLOSED_QUOTE, e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        if (readAhead != null) {
            readAhead.close();
        }
        reader.close();
    }
}
