package org.rostersync.pipeline;

import org.rostersync.roster.Fingerprint;
import org.rostersync.roster.MergeResult;
import org.rostersync.roster.RowSink;
import org.rostersync.roster.RowSource;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The sink of an offline validation: remembers each sourcedId's first line (as a fingerprint, see
 * {@link FingerprintTable}) to report repeats exactly as an import would: the first row wins. A file of more than
 * {@link #PART_ROWS} rows is split by fingerprint into parts on disk and checked one part at a time, so that memory
 * stays the same whatever the file's size.
 */
final class DuplicateFinder implements RowSink {

    /** Rows checked in memory at once: a 2M-slot table, 24 MB. */
    static final long PART_ROWS = 1_000_000;

    private final List<MergeResult.Duplicate> duplicates = new ArrayList<>();
    private final FingerprintTable firstLines;
    private final Path folder;
    private final DataOutputStream[] parts;
    private final Path[] partFiles;
    private final long[] partRows;

    /** @param expectedRows about how many rows the file has (its size over a short row's length will do) */
    DuplicateFinder(long expectedRows) {
        this(expectedRows, PART_ROWS);
    }

    DuplicateFinder(long expectedRows, long partRows) {
        int count = (int) Math.min(1000, (expectedRows + partRows - 1) / partRows);
        if (count <= 1) {
            firstLines = new FingerprintTable(expectedRows);
            folder = null;
            parts = null;
            partFiles = null;
            this.partRows = null;
            return;
        }
        firstLines = null;
        parts = new DataOutputStream[count];
        partFiles = new Path[count];
        this.partRows = new long[count];
        try {
            folder = Files.createTempDirectory("rostersync-ids");
            for (int p = 0; p < count; p++) {
                partFiles[p] = folder.resolve("ids-" + p);
                parts[p] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partFiles[p]), 1 << 16));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot make spill files for the duplicate check", e);
        }
    }

    @Override
    public void add(long line, long offset, String sourcedId, String status, Instant modified, Object[] values,
                    Map<String, String> metadata) throws IOException {
        if (parts == null) {
            check(firstLines, line, sourcedId);
            return;
        }
        int p = Fingerprint.part(Fingerprint.of(sourcedId), parts.length);
        parts[p].writeLong(line);
        parts[p].writeUTF(sourcedId); // at most 255 characters: checked before a row gets here
        partRows[p]++;
    }

    private void check(FingerprintTable table, long line, String sourcedId) {
        int first = table.putIfAbsent(sourcedId, (int) Math.min(line, Integer.MAX_VALUE));
        if (first != FingerprintTable.ABSENT) {
            duplicates.add(new MergeResult.Duplicate(line, sourcedId, first));
        }
    }

    @Override
    public MergeResult finish(RowSource again) throws IOException {
        if (parts != null) {
            for (int p = 0; p < parts.length; p++) {
                parts[p].close();
                FingerprintTable table = new FingerprintTable(partRows[p]);
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(partFiles[p]), 1 << 16))) {
                    for (long i = 0; i < partRows[p]; i++) {
                        long line = in.readLong();
                        check(table, line, in.readUTF());
                    }
                }
                Files.delete(partFiles[p]);
            }
            duplicates.sort(Comparator.comparingLong(MergeResult.Duplicate::line));
        }
        return new MergeResult(0, 0, 0, 0, 0, 0, 0, List.copyOf(duplicates), List.of());
    }

    @Override
    public void close() throws IOException {
        if (parts == null) {
            return;
        }
        for (DataOutputStream part : parts) {
            part.close();
        }
        try (var files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
