package org.rostersync.intake.sftp;

import org.rostersync.intake.inbox.Inbox;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each source's inbox holds on disk, kept in step with its uploads so that a write is checked against the quota
 * without listing the inbox for every 32 KiB the client sends. Whatever else changes the inbox (a file promoted, renamed
 * or removed, an upload discarded, a new upload opened) makes the figure stale, and the next check measures the disk
 * again: the count is of bytes on disk, uploads in progress included, so a file being replaced counts twice until its
 * new copy replaces it.
 */
final class InboxQuota {

    private final Inbox inbox;
    private final long quotaBytes;
    private final Map<UUID, Usage> usage = new ConcurrentHashMap<>();

    InboxQuota(Inbox inbox, long quotaBytes) {
        this.inbox = inbox;
        this.quotaBytes = quotaBytes;
    }

    /**
     * Charges the upload for {@code bytes} more it writes, or refuses them, saying so. Uploads are charged for what they
     * write as they write it (never for the size they may reach), so uploads that fit succeed side by side. A refused
     * upload fails on the spot and gives its bytes back before anyone else is charged ({@link Upload#fail}): the other
     * uploads of the inbox go on, and the next check measures the disk again.
     */
    void reserve(Upload upload, long bytes) throws IOException {
        usage.computeIfAbsent(upload.source(), s -> new Usage()).reserve(upload, bytes);
    }

    /** The source's inbox changed in a way the reservations do not tell: measure it again at the next check. */
    void stale(UUID source) {
        Usage u = usage.get(source);
        if (u != null) {
            u.stale();
        }
    }

    private final class Usage {
        private long bytes;
        private boolean measured;

        synchronized void reserve(Upload upload, long more) throws IOException {
            if (!measured) {
                bytes = inbox.usage(upload.source());
                measured = true;
            }
            if (bytes + more > quotaBytes) {
                String why = "the inbox is full: it holds " + bytes + " bytes and may hold " + quotaBytes
                        + "; delete files you no longer need (a file being replaced counts until its new copy is complete)";
                // under this lock, so that an upload waiting for it is charged without this one's bytes
                upload.fail(why);
                measured = false;
                throw new UploadRefused(why);
            }
            bytes += more;
        }

        synchronized void stale() {
            measured = false;
        }
    }
}
