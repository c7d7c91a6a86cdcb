package org.rostersync.roster;

import java.util.List;

/** One or two conditions; two are joined by AND ({@code any} false) or OR ({@code any} true). */
public record Filter(List<Condition> conditions, boolean any) {

    public Filter {
        conditions = List.copyOf(conditions);
        if (conditions.isEmpty() || conditions.size() > 2) {
            throw new IllegalArgumentException("a filter has one or two conditions");
        }
        any = any && conditions.size() == 2; // one condition is the same filter however it would be joined
    }
}
