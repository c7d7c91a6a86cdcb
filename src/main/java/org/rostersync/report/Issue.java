package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One finding of a run. Line 1 is a file's header; a null line means the whole file or run. */
@Serdeable
public record Issue(@Nullable String file, @Nullable Long line, @Nullable String sourcedId, @Nullable String column,
                    String code, Outcome outcome, String message) {

    public static Issue ofFile(String file, String code, Outcome outcome, String message) {
        return new Issue(file, null, null, null, code, outcome, message);
    }

    public static Issue ofRun(String code, Outcome outcome, String message) {
        return new Issue(null, null, null, null, code, outcome, message);
    }
}
