package org.rostersync.roster;

/** Order by a field of the 1.1 binding, ties broken by sourcedId. */
public record Sort(String field, boolean descending) {
}
