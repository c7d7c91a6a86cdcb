package org.rostersync.roster;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.oneroster.RosterFile;

import java.util.List;

/**
 * A page of one file's records: the constraints the endpoint fixes (a school's classes, students only), the client's
 * filter and sort, and the window.
 */
public record Query(RosterFile file, List<Constraint> fixed, @Nullable Filter filter, @Nullable Sort sort, int limit, int offset) {

    public Query {
        fixed = List.copyOf(fixed);
    }
}
