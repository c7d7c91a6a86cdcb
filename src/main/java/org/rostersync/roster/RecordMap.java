package org.rostersync.roster;

import org.rostersync.oneroster.RosterFile;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A stored record as {@link RosterRecords} reads it: its values in column order behind a read-only map's face. A
 * lookup by name is one probe of a table shared by every record of the file, and a record is one array instead of a
 * hash table of its own: a page of a thousand users was spending a fifth of its time building and probing those.
 */
final class RecordMap extends AbstractMap<String, Object> {

    /** The names of a file's record, in order, and where each sits. */
    record Layout(List<String> names, Map<String, Integer> positions) {

        private static final Map<RosterFile, Layout> BY_FILE = byFile();

        static Layout of(RosterFile file) {
            return BY_FILE.get(file);
        }

        private static Map<RosterFile, Layout> byFile() {
            Map<RosterFile, Layout> out = new EnumMap<>(RosterFile.class);
            for (RosterFile file : RosterFile.values()) {
                List<String> names = new ArrayList<>(List.of("sourcedId", "status", "dateLastModified", "metadata"));
                // interned, as the names callers look up are literals: a probe then ends at the first comparison
                file.columns().stream().map(c -> c.name().intern()).forEach(names::add);
                names.add(RosterRecords.SOURCE_ID);
                Map<String, Integer> positions = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    positions.put(names.get(i), i);
                }
                out.put(file, new Layout(List.copyOf(names), java.util.Collections.unmodifiableMap(positions)));
            }
            return java.util.Collections.unmodifiableMap(out);
        }
    }

    private final Layout layout;
    private final Object[] values;

    /** @param values one per name of the layout, in its order (the array is the record's from now on) */
    RecordMap(Layout layout, Object[] values) {
        if (values.length != layout.names().size()) {
            throw new IllegalArgumentException(values.length + " values for " + layout.names().size() + " names");
        }
        this.layout = layout;
        this.values = values;
    }

    @Override
    public Object get(Object key) {
        Integer i = layout.positions().get(key);
        return i == null ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return layout.positions().containsKey(key);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(layout.names().get(i), values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }
}
