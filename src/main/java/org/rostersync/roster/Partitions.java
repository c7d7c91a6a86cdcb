package org.rostersync.roster;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The spill files of a load too large to compare in memory at once: the roster's records and the file's rows, each
 * split into parts by sourcedId fingerprint, so that one part at a time is held in a {@link RosterIndex}. Memory then
 * stays the same whatever the size of the file; the rows of a part keep their file order, so the first of two rows
 * with one sourcedId is still the one imported.
 */
final class Partitions implements AutoCloseable {

    /** What a part's rows say; the body is the COPY text of status, metadata and values. */
    interface RowVisitor {
        void row(long line, String sourcedId, long key, long hash, Instant modified, boolean deleting, CharSequence body) throws IOException;

        /** A row that was certainly new, already written: only its key and line, for the repeats after it. */
        void written(long line, long key);
    }

    private static final byte ROW = 0;
    private static final byte WRITTEN = 1;

    private final int count;
    private final Path folder;
    private final Path[] rosterFiles;
    private final Path[] rowFiles;
    private final DataOutputStream[] roster;
    private final DataOutputStream[] rows;
    private final long[] rosterCounts;
    private final long[] rowCounts;

    Partitions(int count) throws IOException {
        this.count = count;
        this.folder = Files.createTempDirectory("rostersync-parts");
        this.rosterFiles = new Path[count];
        this.rowFiles = new Path[count];
        this.roster = new DataOutputStream[count];
        this.rows = new DataOutputStream[count];
        this.rosterCounts = new long[count];
        this.rowCounts = new long[count];
        for (int p = 0; p < count; p++) {
            rosterFiles[p] = folder.resolve("roster-" + p);
            rowFiles[p] = folder.resolve("rows-" + p);
            roster[p] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(rosterFiles[p]), 1 << 16));
            rows[p] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(rowFiles[p]), 1 << 16));
        }
    }

    int count() {
        return count;
    }

    private int of(long key) {
        return Fingerprint.part(key, count);
    }

    void roster(long key, long hash, boolean tobedeleted, long ctid) {
        int p = of(key);
        try {
            roster[p].writeLong(key);
            roster[p].writeLong(hash);
            roster[p].writeLong(ctid);
            roster[p].writeBoolean(tobedeleted);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        rosterCounts[p]++;
    }

    void row(long line, String sourcedId, long key, long hash, Instant modified, boolean deleting, CharSequence body) throws IOException {
        int p = of(key);
        DataOutputStream out = rows[p];
        out.writeByte(ROW);
        out.writeLong(line);
        out.writeLong(key);
        out.writeLong(hash);
        out.writeLong(modified == null ? Long.MIN_VALUE : modified.getEpochSecond());
        out.writeInt(modified == null ? 0 : modified.getNano());
        out.writeBoolean(deleting);
        writeText(out, sourcedId);
        writeText(out, body.toString());
        rowCounts[p]++;
    }

    /** A row written at once (certainly new): its key and line keep their place among the part's rows. */
    void written(long line, long key) throws IOException {
        int p = of(key);
        rows[p].writeByte(WRITTEN);
        rows[p].writeLong(line);
        rows[p].writeLong(key);
        rowCounts[p]++;
    }

    /** Loads part p's roster records into the index and hands its rows, in file order, to the visitor. */
    void replay(int p, RosterIndex index, RowVisitor visitor) throws IOException {
        roster[p].close();
        rows[p].close();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(rosterFiles[p]), 1 << 16))) {
            for (long i = 0; i < rosterCounts[p]; i++) {
                long key = in.readLong();
                long hash = in.readLong();
                long ctid = in.readLong();
                index.addFromRoster(key, hash, in.readBoolean(), ctid);
            }
        }
        Files.delete(rosterFiles[p]);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(rowFiles[p]), 1 << 16))) {
            for (long i = 0; i < rowCounts[p]; i++) {
                if (in.readByte() == WRITTEN) {
                    long line = in.readLong();
                    visitor.written(line, in.readLong());
                    continue;
                }
                long line = in.readLong();
                long key = in.readLong();
                long hash = in.readLong();
                long seconds = in.readLong();
                int nanos = in.readInt();
                boolean deleting = in.readBoolean();
                String sourcedId = readText(in);
                String body = readText(in);
                visitor.row(line, sourcedId, key, hash, seconds == Long.MIN_VALUE ? null : Instant.ofEpochSecond(seconds, nanos), deleting, body);
            }
        } catch (EOFException e) {
            throw new IOException("spill file " + rowFiles[p] + " ended early", e);
        }
        Files.delete(rowFiles[p]);
    }

    /** How many records part p holds, roster or file, whichever is more: its index's size. */
    long size(int p) {
        return Math.max(rosterCounts[p], rowCounts[p]);
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        for (int p = 0; p < count; p++) {
            roster[p].close();
            rows[p].close();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
