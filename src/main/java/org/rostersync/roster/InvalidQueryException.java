package org.rostersync.roster;

/** A query the allow-lists refuse: an unknown field, or a value or operator that does not fit the field. */
public class InvalidQueryException extends Exception {

    /** True when the field itself is unknown (the 1.1 binding's invalid_filter_field), false for a bad value or operator. */
    private final boolean unknownField;

    InvalidQueryException(boolean unknownField, String message) {
        super(message);
        this.unknownField = unknownField;
    }

    public boolean unknownField() {
        return unknownField;
    }
}
