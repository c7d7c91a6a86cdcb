package org.rostersync.api.oneroster;

import org.rostersync.roster.Condition;
import org.rostersync.roster.Filter;
import org.rostersync.roster.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the 1.1 binding's {@code filter}: {@code field op 'value'}, optionally joined to a second one by exactly one
 * {@code AND} or {@code OR} with a space on each side. Operators are {@code = != > >= < <= ~}; the value is always
 * single-quoted, {@code ''} inside it standing for one quote. Fields are names and dots ({@code parent.sourcedId},
 * {@code metadata.some-key}); whether a field exists is for the roster's allow-list to say. The grammar is strict so that
 * a malformed filter is a 400 naming the place, never a guess.
 */
final class FilterParser {

    /** A filter that does not follow the grammar; {@code position} is the 0-based index of the first wrong character. */
    static final class SyntaxException extends Exception {
        SyntaxException(String message, int position) {
            super(message + " at character " + (position + 1));
        }
    }

    private final String text;
    private int at;

    private FilterParser(String text) {
        this.text = text;
    }

    static Filter parse(String text) throws SyntaxException {
        return new FilterParser(text).filter();
    }

    private Filter filter() throws SyntaxException {
        if (text.isBlank()) {
            throw new SyntaxException("the filter is empty", 0);
        }
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition());
        boolean any = false;
        if (at < text.length()) {
            if (text.startsWith(" AND ", at)) {
                at += 5;
            } else if (text.startsWith(" OR ", at)) {
                at += 4;
                any = true;
            } else {
                throw new SyntaxException("expected the end of the filter, or ' AND ' or ' OR ' and a second predicate", at);
            }
            conditions.add(condition());
            if (at < text.length()) {
                throw new SyntaxException("expected the end of the filter (one AND or OR joins at most two predicates)", at);
            }
        }
        return new Filter(conditions, any);
    }

    private Condition condition() throws SyntaxException {
        int start = at;
        while (at < text.length() && fieldChar(text.charAt(at))) {
            at++;
        }
        if (at == start) {
            throw new SyntaxException("expected a field name", at);
        }
        String field = text.substring(start, at);
        if (field.startsWith(".") || field.endsWith(".") || field.contains("..")) {
            throw new SyntaxException("'" + field + "' is not a field name", start);
        }
        Op op = op();
        return new Condition(field, op, value());
    }

    private static boolean fieldChar(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
    }

    private Op op() throws SyntaxException {
        // two-character operators first, so that >= is not read as > followed by =
        for (Op op : List.of(Op.NE, Op.GE, Op.LE, Op.EQ, Op.GT, Op.LT, Op.CONTAINS)) {
            if (text.startsWith(op.symbol(), at)) {
                at += op.symbol().length();
                return op;
            }
        }
        throw new SyntaxException("expected an operator (= != > >= < <= ~)", at);
    }

    private String value() throws SyntaxException {
        if (at >= text.length() || text.charAt(at) != '\'') {
            throw new SyntaxException("expected a value in single quotes", at);
        }
        int open = at;
        at++;
        StringBuilder value = new StringBuilder();
        while (at < text.length()) {
            char ch = text.charAt(at++);
            if (ch != '\'') {
                value.append(ch);
            } else if (at < text.length() && text.charAt(at) == '\'') {
                value.append('\'');
                at++;
            } else {
                return value.toString();
            }
        }
        throw new SyntaxException("the value opened here has no closing quote", open);
    }
}
