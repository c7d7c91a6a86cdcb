package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.report.RunSummary;

import java.util.List;
import java.util.UUID;

/**
 * The top of a run's page: its issues grouped by code and file (the same {@link RunSummary} as the API and the emails),
 * and the report for whoever fixes the data at the SIS: sent to the source's vendor contacts, or downloaded.
 *
 * @param vendorContacts the source's vendor contacts as "name &lt;address&gt;", empty when it has none
 * @param vendorReport   what sending the vendor report just did, or null
 */
public record RunSummaryBlock(UUID runId, UUID sourceId, RunSummary summary, List<String> vendorContacts,
                              @Nullable String vendorReport) {

    public String number(long n) {
        return Numbers.of(n);
    }

    /** An example as one line: where it is and what was found. */
    public static String example(RunSummary.Example e) {
        StringBuilder out = new StringBuilder();
        if (e.line() != null) {
            out.append("line ").append(Numbers.of(e.line()));
        }
        if (e.sourcedId() != null) {
            out.append(out.isEmpty() ? "" : ", ").append(e.sourcedId());
        }
        return out.append(out.isEmpty() ? "" : ": ").append(e.message()).toString();
    }

    public boolean hasContacts() {
        return !vendorContacts.isEmpty();
    }
}
