package org.rostersync.roster;

import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where recent pages in sourcedId order ended, so that the next page (offset = previous offset + its records) seeks
 * past the last key through the primary key instead of counting off every record before it: walking a tenant's
 * 200,000 users a thousand at a time costs each page its own thousand rows, not the whole prefix. Also keeps the total
 * counted for that walk for a few seconds, so a walk does not count the whole selection on every page. Kept per
 * instance and bounded; a miss (another instance, an evicted walk) falls back to OFFSET, which answers the same.
 */
@Singleton
class Continuations {

    /** How long a walk's count is reused: a run's change shows in X-Total-Count at most this late. */
    static final long TOTAL_REUSE_NANOS = 5_000_000_000L;
    private static final int MAX_ENTRIES = 1_000;

    /** The selection a walk pages through (only the default order is continued). */
    record Shape(Scope scope, org.rostersync.oneroster.RosterFile file, List<Constraint> fixed, Filter filter) {
    }

    /** The last key before {@code offset} in that selection, and the total counted for it at {@code countedAt}. */
    record Resume(String sourcedId, UUID sourceId, long total, long countedAt) {
    }

    private record Key(Shape shape, long offset) {
    }

    private final Map<Key, Resume> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Resume> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    synchronized Optional<Resume> at(Shape shape, long offset) {
        return Optional.ofNullable(entries.remove(new Key(shape, offset)));
    }

    synchronized void put(Shape shape, long offset, Resume resume) {
        entries.put(new Key(shape, offset), resume);
    }
}
