package org.rostersync.roster;

/** What a run did to a record: inserted it, changed fields of it, withdrew it (tobedeleted) or restored it. */
public enum ChangeOp {
    inserted, changed, withdrawn, restored
}
