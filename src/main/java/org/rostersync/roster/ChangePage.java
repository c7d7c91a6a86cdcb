package org.rostersync.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A page of a run's changes, in file order, then by sourcedId; {@code after} is what to pass to read the next page, null
 * after the last.
 */
@Serdeable
public record ChangePage(List<Change> changes, @Nullable String after) {
}
