package org.rostersync.roster;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The spill files of a load too large to compare in memory at once: the roster's records and the file's rows, each
 * split into parts by sourcedId fingerprint, so that one part at a time is held in a {@link RosterIndex}. Part 0 is
 * never on disk: its records stay in memory while the rows are read, and its rows are compared as they come (a hybrid
 * hash join), so a load of P parts writes only (P-1)/P of its numbers to disk. Only numbers
 * are kept (a row's key and hash, and its line and offset as small steps from the part's previous row: about 20 bytes,
 * whatever its width), never a row's text: the few rows that
 * turn out new or changed are read again from the file. Memory then stays the same whatever the size of the file; the
 * rows of a part keep their file order, so the first of two rows with one sourcedId is still the one imported.
 */
final class Partitions implements AutoCloseable {

    /** What a part's rows say. */
    interface RowVisitor {
        void row(long line, long offset, long key, long hash, boolean deleting) throws IOException;

        /** A row that was certainly new, already written: only its key and line, for the repeats after it. */
        void written(long line, long key);
    }

    /** The longest record: two varints of at most 10 bytes, key and hash (a roster record is shorter). */
    private static final int MAX_RECORD = 10 + 10 + 8 + 8;

    private final int count;
    private final Path folder;
    private final Path[] rosterFiles;
    private final Path[] rowFiles;
    private final OutputStream[] roster;
    private final OutputStream[] rows;
    private final long[] rosterCounts;
    private final long[] rowCounts;
    /** Per part, the last roster block and the last row's line and offset: records store the steps from them. */
    private final long[] lastBlocks;
    private final long[] lastLines;
    private final long[] lastOffsets;
    /** The parts hold sourcedId fingerprints of a district's records: the service user's alone, as the whole data directory. */
    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY = java.nio.file.attribute.PosixFilePermissions
            .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    /** One record, put together before it is written in one call. */
    private final ByteBuffer record = ByteBuffer.allocate(64);

    Partitions(int count, Path scratch) throws IOException {
        this.count = count;
        this.folder = Files.createTempDirectory(scratch, "parts");
        this.rosterFiles = new Path[count];
        this.rowFiles = new Path[count];
        this.roster = new OutputStream[count];
        this.rows = new OutputStream[count];
        this.rosterCounts = new long[count];
        this.rowCounts = new long[count];
        this.lastBlocks = new long[count];
        this.lastLines = new long[count];
        this.lastOffsets = new long[count];
        try {
            for (int p = 1; p < count; p++) {
                rosterFiles[p] = folder.resolve("roster-" + p);
                rowFiles[p] = folder.resolve("rows-" + p);
                roster[p] = new BufferedOutputStream(Files.newOutputStream(Files.createFile(rosterFiles[p], OWNER_ONLY)), 1 << 16);
                rows[p] = new BufferedOutputStream(Files.newOutputStream(Files.createFile(rowFiles[p], OWNER_ONLY)), 1 << 16);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    int count() {
        return count;
    }

    private int of(long key) {
        return Fingerprint.part(key, count);
    }

    /** Whether the key falls in part 0, the one compared in memory as the rows are read. */
    boolean resident(long key) {
        return of(key) == 0;
    }

    /**
     * A record of the roster: its ctid as the step from the part's previous block (COPY reads in heap order, so a byte or
     * two) and its offset with the flag, then key and hash.
     */
    void roster(long key, long hash, boolean tobedeleted, long ctid) {
        int p = of(key);
        long block = ctid >>> 16;
        record.clear();
        putVarint(record, zigzag(block - lastBlocks[p]));
        putVarint(record, (ctid & 0xffff) << 1 | (tobedeleted ? 1 : 0));
        record.putLong(key).putLong(hash);
        lastBlocks[p] = block;
        try {
            roster[p].write(record.array(), 0, record.position());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rosterCounts[p]++;
    }

    /** A row to compare: the steps from the part's previous row (line, with the flags; offset), then key and hash. */
    void row(long line, long offset, long key, long hash, boolean deleting) throws IOException {
        int p = of(key);
        record.clear();
        putVarint(record, (line - lastLines[p]) << 2 | (deleting ? 2 : 0));
        putVarint(record, offset - lastOffsets[p]);
        record.putLong(key).putLong(hash);
        lastLines[p] = line;
        lastOffsets[p] = offset;
        rows[p].write(record.array(), 0, record.position());
        rowCounts[p]++;
    }

    /** A row written at once (certainly new): its key and line keep their place among the part's rows. */
    void written(long line, long key) throws IOException {
        int p = of(key);
        record.clear();
        putVarint(record, (line - lastLines[p]) << 2 | 1);
        record.putLong(key);
        lastLines[p] = line;
        rows[p].write(record.array(), 0, record.position());
        rowCounts[p]++;
    }

    private static long zigzag(long n) {
        return n << 1 ^ n >> 63;
    }

    private static long unzigzag(long n) {
        return n >>> 1 ^ -(n & 1);
    }

    private static void putVarint(ByteBuffer out, long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.put((byte) (v & 0x7f | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    private static long getVarint(ByteBuffer in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("a spill file holds a number of more than 64 bits");
    }

    /** Loads the roster records of part p (1 or more) into the index and hands its rows, in file order, to the visitor. */
    void replay(int p, RosterIndex index, RowVisitor visitor) throws IOException {
        try {
            read(p, index, visitor);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException("a spill file of part " + p + " ended inside a record", e);
        }
    }

    private void read(int p, RosterIndex index, RowVisitor visitor) throws IOException {
        roster[p].close();
        rows[p].close();
        try (Spill in = new Spill(rosterFiles[p])) {
            long block = 0;
            for (long i = 0; i < rosterCounts[p]; i++) {
                ByteBuffer r = in.next(MAX_RECORD);
                block += unzigzag(getVarint(r));
                long offset = getVarint(r);
                long key = r.getLong();
                index.addFromRoster(key, r.getLong(), (offset & 1) != 0, block << 16 | offset >>> 1);
            }
        }
        Files.delete(rosterFiles[p]);
        try (Spill in = new Spill(rowFiles[p])) {
            long line = 0;
            long offset = 0;
            for (long i = 0; i < rowCounts[p]; i++) {
                ByteBuffer r = in.next(MAX_RECORD);
                long head = getVarint(r);
                line += head >>> 2;
                if ((head & 1) != 0) {
                    visitor.written(line, r.getLong());
                    continue;
                }
                offset += getVarint(r);
                long key = r.getLong();
                visitor.row(line, offset, key, r.getLong(), (head & 2) != 0);
            }
        }
        Files.delete(rowFiles[p]);
    }

    /** A spill file read back in large blocks: a record's numbers come from a buffer, not a call each. */
    private static final class Spill implements AutoCloseable {

        private final Path path;
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 18);
        private boolean ended;

        Spill(Path path) throws IOException {
            this.path = path;
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            buffer.flip();
        }

        /** The buffer, positioned at the next record, with at least {@code bytes} bytes in it unless the file ends first. */
        ByteBuffer next(int bytes) throws IOException {
            if (buffer.remaining() < bytes && !ended) {
                buffer.compact();
                while (buffer.position() < bytes && !ended) {
                    ended = channel.read(buffer) < 0;
                }
                buffer.flip();
            }
            if (!buffer.hasRemaining()) {
                throw new IOException("spill file " + path + " ended early");
            }
            return buffer;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** How many records part p holds, roster or file, whichever is more: its index's size. */
    long size(int p) {
        return Math.max(rosterCounts[p], rowCounts[p]);
    }

    @Override
    public void close() throws IOException {
        for (int p = 0; p < count; p++) {
            if (roster[p] != null) {
                roster[p].close();
            }
            if (rows[p] != null) {
                rows[p].close();
            }
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
