package org.rostersync.operator;

/** An operator that cannot be made as asked: {@link #field()} names what is wrong. */
public class InvalidOperatorException extends RuntimeException {

    private final String field;

    public InvalidOperatorException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
