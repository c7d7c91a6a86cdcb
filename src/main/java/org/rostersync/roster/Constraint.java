package org.rostersync.roster;

/** One condition a record must meet: a comparison on a field, or a relation through another table. */
public sealed interface Constraint permits Condition, Related {
}
