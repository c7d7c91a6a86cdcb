package org.rostersync.console;

import org.rostersync.roster.RecordChange;
import org.rostersync.roster.RecordLookup;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One record of a tenant: its values in each source that has it, its related records (a user's enrollments, a class's
 * members, ...), and the runs that inserted, changed, withdrew or restored it, newest first.
 *
 * @param sources  the names of the tenant's sources, by id
 * @param history  each change with when its run was queued, in the source's time zone
 */
public record RecordPage(Frame frame, UUID tenantId, String tenant, RecordLookup.View view, Map<UUID, String> sources,
                         List<Dated> history) {

    /** A change of the record's history with its run's time as the operator reads it. */
    public record Dated(RecordChange change, String when) {

        /** What the run did, in words: "withdrew it", or "would withdraw it" for a run that was not applied. */
        public String what() {
            String op = change.change().op().name();
            if (change.appliedAt() != null) {
                return op;
            }
            String verb = switch (change.change().op()) {
                case inserted -> "insert";
                case changed -> "change";
                case withdrawn -> "withdraw";
                case restored -> "restore";
            };
            return "would " + verb + " (run " + change.runStatus().replace('_', ' ') + ", not applied)";
        }
    }

    public String source(UUID id) {
        return sources.getOrDefault(id, id.toString());
    }

    public String title() {
        return view.records().isEmpty() ? view.sourcedId() : view.file() + " " + view.sourcedId();
    }
}
