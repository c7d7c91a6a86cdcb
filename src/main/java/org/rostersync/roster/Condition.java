package org.rostersync.roster;

/**
 * {@code field op 'value'} on a field of the 1.1 binding (e.g. {@code familyName}, {@code school.sourcedId},
 * {@code metadata.district.code}). The field is looked up in an allow-list; the value is always bound as a parameter.
 */
public record Condition(String field, Op op, String value) implements Constraint {

    public static Condition eq(String field, String value) {
        return new Condition(field, Op.EQ, value);
    }

    @Override
    public String toString() {
        return field + op.symbol() + "'" + value.replace("'", "''") + "'";
    }
}
