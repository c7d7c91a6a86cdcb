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

    /** Takes {@code bytes} more of the source's quota, or refuses them, saying so. */
    void reserve(UUID source, long bytes) throws IOException {
        usage.computeIfAbsent(source, s -> new Usage()).reserve(source, bytes);
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

        synchronized void reserve(UUID source, long more) throws IOException {
            if (!measured) {
                bytes = inbox.usage(source);
                measured = true;
            }
            if (bytes + more > quotaBytes) {
                throw new UploadRefused("the inbox is full: it holds " + bytes + " bytes and may hold " + quotaBytes
                        + "; delete files you no longer need (a file being replaced counts until its new copy is complete)");
            }
            bytes += more;
        }

        synchronized void stale() {
            measured = false;
        }
    }
}
