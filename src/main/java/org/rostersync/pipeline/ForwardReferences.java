package org.rostersync.pipeline;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * References within a file that point forward (the row's line and offset, the column, the target's fingerprint), in the
 * order they were made: up to {@link #IN_MEMORY} in memory, the rest in a file on disk, so that a file with a million of them (every
 * student's guardian listed after the student) costs no more heap than one with a few thousand.
 */
final class ForwardReferences implements AutoCloseable {

    /** 64K references, 1.5 MB; more go to disk, 24 bytes each. */
    static final int IN_MEMORY = 1 << 16;

    @FunctionalInterface
    interface Visitor {
        void visit(int line, long offset, int column, long target) throws IOException;
    }

    private final int capacity;
    private final Path scratch;
    // small at first, grown up to the capacity: most files have few forward references, or none
    private int[] lines = new int[256];
    private long[] offsets = new long[256];
    private int[] columns = new int[256];
    private long[] targets = new long[256];
    private int buffered;
    private Path spill;
    private DataOutputStream out;
    private long spilled;

    /** @param scratch where references beyond those kept in memory go */
    ForwardReferences(Path scratch) {
        this(scratch, IN_MEMORY);
    }

    ForwardReferences(Path scratch, int inMemory) {
        this.scratch = scratch;
        this.capacity = inMemory;
    }

    void add(int line, long offset, int column, long target) {
        if (buffered == capacity) {
            spillBuffer();
        } else if (buffered == lines.length) {
            int length = Math.min(capacity, lines.length * 2);
            lines = Arrays.copyOf(lines, length);
            offsets = Arrays.copyOf(offsets, length);
            columns = Arrays.copyOf(columns, length);
            targets = Arrays.copyOf(targets, length);
        }
        lines[buffered] = line;
        offsets[buffered] = offset;
        columns[buffered] = column;
        targets[buffered++] = target;
    }

    long size() {
        return spilled + buffered;
    }

    /** Every reference, in the order added. */
    void forEach(Visitor visitor) throws IOException {
        if (out != null) {
            out.flush();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spill), 1 << 16))) {
                for (long i = 0; i < spilled; i++) {
                    int line = in.readInt();
                    long offset = in.readLong();
                    int column = in.readInt();
                    visitor.visit(line, offset, column, in.readLong());
                }
            }
        }
        for (int i = 0; i < buffered; i++) {
            visitor.visit(lines[i], offsets[i], columns[i], targets[i]);
        }
    }

    /** Forgets every reference and removes the file on disk. */
    void clear() {
        buffered = 0;
        spilled = 0;
        if (out == null) {
            return;
        }
        try {
            out.close();
            Files.deleteIfExists(spill);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + spill, e);
        } finally {
            out = null;
            spill = null;
        }
    }

    @Override
    public void close() {
        clear();
    }

    private void spillBuffer() {
        try {
            if (out == null) {
                spill = Files.createTempFile(scratch, "forward", ".refs");
                out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spill), 1 << 16));
            }
            for (int i = 0; i < buffered; i++) {
                out.writeInt(lines[i]);
                out.writeLong(offsets[i]);
                out.writeInt(columns[i]);
                out.writeLong(targets[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the forward references to disk", e);
        }
        spilled += buffered;
        buffered = 0;
    }
}
