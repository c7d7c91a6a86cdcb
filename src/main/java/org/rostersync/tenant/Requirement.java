package org.rostersync.tenant;

/** What a run does with a record that lacks an attribute, or holds a value for it that cannot be used. */
public enum Requirement {
    /** The attribute may be blank; a value that cannot be used is still reported (an error) and left out. */
    none,
    /** Report if Missing: the record is imported and an error is reported. */
    report,
    /** Skip if Missing: the record is not imported and is reported as skipped. */
    skip;

    /** Whether this rule is at least as strict as the other. */
    public boolean atLeast(Requirement other) {
        return compareTo(other) >= 0;
    }
}
