package org.rostersync.roster;

import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where recent pages in sourcedId order ended, so that the next page (offset = previous offset + its records) seeks
 * past the last key through the primary key instead of counting off every record before it: walking a tenant's
 * 200,000 users a thousand at a time costs each page its own thousand rows, not the whole prefix. Kept per instance
 * and bounded; a miss (another instance, an evicted walk) falls back to OFFSET, which answers the same.
 *
 * <p>Each is kept under the tenant's roster stamp of the page that left it, and used only by a page read at the same
 * stamp: the roster of one stamp is the same on the primary and on a read replica that has replayed it, so seeking
 * past the key answers exactly what OFFSET would, whichever server each page of a walk is read on. A run committing
 * in the middle of a walk moves the stamp: the next page counts off by OFFSET on the new roster, as it would have
 * without continuations.
 */
@Singleton
class Continuations {

    private static final int MAX_ENTRIES = 1_000;

    /** The last key before an offset of a selection in sourcedId order (only the default order is continued). */
    record Resume(String sourcedId, UUID sourceId) {
    }

    private record Key(Selection selection, long stamp, long offset) {
    }

    private final Map<Key, Resume> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Resume> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    synchronized Optional<Resume> at(Selection selection, long stamp, long offset) {
        return Optional.ofNullable(entries.remove(new Key(selection, stamp, offset)));
    }

    synchronized void put(Selection selection, long stamp, long offset, Resume resume) {
        entries.put(new Key(selection, stamp, offset), resume);
    }
}
