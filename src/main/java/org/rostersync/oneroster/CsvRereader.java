package org.rostersync.oneroster;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads single rows of a file again at the offsets its first reading gave them ({@link CsvRow#offset}), decoded and
 * split exactly as {@link CsvFile} does. A load too large to compare in memory keeps only each row's offset and
 * fingerprints, and reads the few rows it must write (new or changed ones) again from the frozen file.
 */
public final class CsvRereader implements Closeable {

    /** A row of the rostering files is a few hundred bytes: read that much at a time, not a whole chunk. */
    private static final int READ = 1024;

    private final FileChannel channel;
    /** Where offset 0 is: after a byte order mark, as for {@link CsvFile}. */
    private final long start;
    private final RowReader reader;
    private final ByteBuffer one;
    /** Bytes a character takes at least: a CR before a row is that many bytes before it. */
    private final int unit;

    private CsvRereader(FileChannel channel, long start, Encoding encoding) {
        this.channel = channel;
        this.start = start;
        this.reader = new RowReader(InputStream.nullInputStream(), encoding, null);
        this.unit = encoding.unit();
        this.one = ByteBuffer.allocate(unit);
    }

    /** For a file that is UTF-8 (or UTF-16, told by its first bytes). */
    public static CsvRereader open(Path path) throws IOException {
        return open(path, Encoding.sniff(path).encoding());
    }

    /** @param encoding the encoding the first reading ended in ({@link CsvFile#encoding()}) */
    public static CsvRereader open(Path path, Encoding encoding) throws IOException {
        long bom = Encoding.sniff(path).bom();
        return new CsvRereader(FileChannel.open(path, StandardOpenOption.READ), bom, encoding);
    }

    /**
     * The row that starts at the offset.
     *
     * @param line the line it starts on, as the first reading said
     * @throws IOException when no row starts there (the file is not the one first read)
     */
    public CsvRow rowAt(long offset, long line) throws IOException {
        boolean afterCr = false;
        if (offset > 0) {
            one.clear();
            if (channel.read(one, start + offset - unit) != unit) {
                throw new IOException("the file ends before byte " + offset);
            }
            // the character before the row: a CR whose LF, if the row starts with one, belongs to that line break
            afterCr = unit == 1 ? one.get(0) == '\r' : one.getChar(0) == '\r' || one.get(0) == '\r' && one.get(1) == 0;
        }
        reader.restart(new From(start + offset), line, offset, afterCr);
        CsvRow row = reader.next();
        if (row == null) {
            throw new IOException("no row starts at byte " + offset);
        }
        return row;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The channel's bytes from a position on, a little at a time; closing it leaves the channel open. */
    private final class From extends InputStream {

        private long position;

        From(long position) {
            this.position = position;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = channel.read(ByteBuffer.wrap(b, off, Math.min(len, READ)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }
}
