package org.rostersync.roster;

import org.rostersync.oneroster.RosterFile;

import java.util.List;

/** The records a query selects before any order or window: what a total counts and a walk pages through. */
record Selection(Scope scope, RosterFile file, List<Constraint> fixed, Filter filter) {

    static Selection of(Scope scope, Query query) {
        return new Selection(scope, query.file(), query.fixed(), query.filter());
    }
}
