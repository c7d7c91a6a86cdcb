package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;

/**
 * An issue being described: its code and where it is, until {@link #message} completes it. Begun by
 * {@link IssueCode#at}, {@link IssueCode#header} or {@link IssueCode#inFile}; what is not said stays unknown (null), and
 * the outcome is the code's default until {@link #outcome} says otherwise.
 */
public record IssueAt(IssueCode code, @Nullable String file, @Nullable Long line, @Nullable String sourcedId,
                      @Nullable String column, Outcome outcome, @Nullable String value) {

    /** The record the issue is about. */
    public IssueAt record(@Nullable String id) {
        return new IssueAt(code, file, line, id, column, outcome, value);
    }

    public IssueAt column(@Nullable String name) {
        return new IssueAt(code, file, line, sourcedId, name, outcome, value);
    }

    /** The offending value as delivered. */
    public IssueAt value(@Nullable String delivered) {
        return new IssueAt(code, file, line, sourcedId, column, outcome, delivered);
    }

    /** Another outcome than the code's default: the one the source's data requirements (or the case) decide. */
    public IssueAt outcome(Outcome decided) {
        return new IssueAt(code, file, line, sourcedId, column, decided, value);
    }

    /** The issue, saying what was found and what was done about it. */
    public Issue message(String message) {
        return new Issue(file, line, sourcedId, column, code.code(), outcome, message, value);
    }
}
