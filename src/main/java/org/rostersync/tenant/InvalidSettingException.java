package org.rostersync.tenant;

/** A setting an operator asked for cannot be taken; {@code field} names the part of the request that is wrong. */
public class InvalidSettingException extends RuntimeException {

    private final String field;

    public InvalidSettingException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
