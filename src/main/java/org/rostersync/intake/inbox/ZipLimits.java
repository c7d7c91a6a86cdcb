package org.rostersync.intake.inbox;

/**
 * Bounds on what one zip delivery may unpack to, checked while streaming (never trusting the sizes the zip claims).
 *
 * @param maxEntries      entries in the central directory, folders included
 * @param maxTotalBytes   bytes unpacked, all entries together
 * @param maxRatio        bytes unpacked per byte of the zip file, and per compressed byte of an entry
 */
public record ZipLimits(int maxEntries, long maxTotalBytes, int maxRatio) {

    /** 20 entries, 2 GiB, 100:1 (reference/security.md §5). */
    public static final ZipLimits DEFAULT = new ZipLimits(20, 2L << 30, 100);
}
