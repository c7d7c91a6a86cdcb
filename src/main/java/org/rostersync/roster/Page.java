package org.rostersync.roster;

import java.util.List;
import java.util.Map;

/** One page of records, each a map from CSV column name to value, and how many records match in all. */
public record Page(List<Map<String, Object>> records, long total) {
}
