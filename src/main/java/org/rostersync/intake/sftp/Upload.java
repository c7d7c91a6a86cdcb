package org.rostersync.intake.sftp;

import org.apache.sshd.common.AttributeRepository.AttributeKey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One file being uploaded: the client writes to a file of its own outside the inbox ({@link AtomicUploads}), which
 * replaces the inbox's file of that name only when the client closes its handle after every write succeeded. The
 * SHA-256 is computed as the bytes arrive when they arrive in order (as every common client sends them), so that
 * completing a large upload does not read it all again. Written bytes are flushed to the disk in the background every
 * {@value #WRITEBACK_BYTES} bytes, so that making the file durable at close waits only for the last of them (a 500 MB
 * upload waited 0.9 s for its fsync here, a third of the upload).
 */
final class Upload {

    static final AttributeKey<Upload> KEY = new AttributeKey<>();
    static final int WRITEBACK_BYTES = 32 << 20;

    private final UUID source;
    private final SftpAudit.Who who;
    private final String name;
    private final Path file;
    private final FileChannel channel;
    private final MessageDigest digest;
    private long hashedTo;
    private boolean inOrder = true;
    private long size;
    private long written = -1;
    private String failure;
    private boolean aborted;
    private final java.util.concurrent.Executor writeback;
    private long unflushed;
    private boolean flushing;

    Upload(SftpAudit.Who who, String name, Path file, FileChannel channel, java.util.concurrent.Executor writeback) {
        this.who = who;
        this.source = who.sourceId();
        this.name = name;
        this.file = file;
        this.channel = channel;
        this.writeback = writeback;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    UUID source() {
        return source;
    }

    /** Who uploads it (for the audit trail). */
    SftpAudit.Who who() {
        return who;
    }

    String name() {
        return name;
    }

    Path file() {
        return file;
    }

    /** Starts from the complete file's bytes: the client opened it to change or extend it, not to replace it. */
    synchronized void startFrom(Path complete) throws IOException {
        try (InputStream in = Files.newInputStream(complete)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                channel.write(ByteBuffer.wrap(buffer, 0, n));
                digest.update(buffer, 0, n);
                hashedTo += n;
            }
        }
        size = hashedTo;
        channel.position(0);
    }

    /** The size the file will have after a write that ends at {@code end}; what it grows by, or 0. */
    synchronized long growTo(long end) {
        long more = Math.max(0, end - size);
        size = Math.max(size, end);
        return more;
    }

    synchronized long size() {
        return size;
    }

    /**
     * A write failed (a limit, the disk): the upload can no longer complete. Its bytes are given back at once (the file
     * is emptied, and takes no more writes) rather than when the client closes it: a client waits for the answers to the
     * writes it has in flight first, and meanwhile the other uploads of the inbox would be charged for bytes that are
     * about to be discarded.
     */
    synchronized void fail(String why) {
        if (failure == null) {
            failure = why;
            try {
                if (channel.isOpen()) {
                    channel.truncate(0);
                }
            } catch (IOException e) {
                // closed meanwhile: the file is discarded anyway
            }
        }
    }

    /** The connection ended with the file open. */
    synchronized void abort() {
        aborted = true;
    }

    synchronized boolean aborted() {
        return aborted;
    }

    /** Why the upload cannot complete, or null when it can. */
    synchronized String failure() {
        return aborted ? "the connection ended with the file open" : failure;
    }

    /**
     * The SHA-256 of the bytes written, once {@link #finishWriting} closed the file; null when they did not arrive in
     * order (then read the file again).
     */
    synchronized String sha256() {
        return inOrder && hashedTo == written ? HexFormat.of().formatHex(digest.digest()) : null;
    }

    /** Makes the bytes durable and closes the file. */
    synchronized void finishWriting() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            if (failure() == null) {
                written = channel.size();
                channel.force(true);
            }
        } finally {
            channel.close();
        }
    }

    /** Flushes what was written so far, beside the writes that go on; the fsync at close makes it all durable. */
    private void flush() {
        try {
            channel.force(false);
        } catch (IOException e) {
            // closed meanwhile (completed or aborted); the close's own fsync is the one that counts
        } finally {
            synchronized (this) {
                flushing = false;
            }
        }
    }

    /** What the SFTP subsystem reads and writes: the upload's file, hashing in-order writes as they pass. */
    SeekableByteChannel channel() {
        return new SeekableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return channel.read(dst);
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                synchronized (Upload.this) {
                    if (failure != null) {
                        throw new IOException(failure);
                    }
                    long at = channel.position();
                    ByteBuffer bytes = src.duplicate();
                    int n = channel.write(src);
                    if (inOrder && at == hashedTo) {
                        bytes.limit(bytes.position() + n);
                        digest.update(bytes);
                        hashedTo += n;
                    } else if (n > 0) {
                        inOrder = false;
                    }
                    unflushed += n;
                    if (unflushed >= WRITEBACK_BYTES && !flushing) {
                        flushing = true;
                        unflushed = 0;
                        writeback.execute(Upload.this::flush);
                    }
                    return n;
                }
            }

            @Override
            public long position() throws IOException {
                return channel.position();
            }

            @Override
            public SeekableByteChannel position(long newPosition) throws IOException {
                channel.position(newPosition);
                return this;
            }

            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public SeekableByteChannel truncate(long newSize) throws IOException {
                synchronized (Upload.this) {
                    if (newSize < hashedTo) {
                        inOrder = false;
                    }
                    channel.truncate(newSize);
                    return this;
                }
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() throws IOException {
                finishWriting();
            }
        };
    }
}
