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
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final FileChannel channel;
    /** Where offset 0 is: after a UTF-8 BOM, as for {@link CsvFile}. */
    private final long start;
    private final RowReader reader = new RowReader(InputStream.nullInputStream());
    private final ByteBuffer one = ByteBuffer.allocate(1);

    private CsvRereader(FileChannel channel, long start) {
        this.channel = channel;
        this.start = start;
    }

    public static CsvRereader open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            ByteBuffer head = ByteBuffer.allocate(BOM.length);
            while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
                // a short read of a file's first bytes: read on
            }
            boolean bom = !head.hasRemaining() && head.get(0) == BOM[0] && head.get(1) == BOM[1] && head.get(2) == BOM[2];
            return new CsvRereader(channel, bom ? BOM.length : 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
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
            if (channel.read(one, start + offset - 1) != 1) {
                throw new IOException("the file ends before byte " + offset);
            }
            afterCr = one.get(0) == '\r';
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
