package org.rostersync.roster;

/** The comparison of a filter predicate, as the 1.1 binding writes it. */
public enum Op {
    EQ("="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<="), CONTAINS("~");

    private final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    boolean ordering() {
        return this == GT || this == GE || this == LT || this == LE;
    }
}
