package org.rostersync.console;

import org.rostersync.pipeline.DataRequirementRules;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A source: its last runs (a chart and a list), run now, and its data requirements as a form.
 *
 * @param errors   per form field ({@code users.role}), what was wrong with what was sent
 * @param chosen   per form field, the rule as sent (kept when the form comes back with an error)
 */
public record SourcePage(Frame frame, SourceHeader header, RunChart chart, List<RunRow> runs,
                         List<DataRequirementRules.EntityRules> requirements, Map<String, String> chosen,
                         Map<String, String> errors, SettingChanges changes) {

    public UUID sourceId() {
        return header.sourceId();
    }

    public record RunRow(UUID id, String status, String when, long imported, long issues) {
    }

    /** The runs list's heading: "Runs" before the first (not "Last 0 runs"), "The last run" for one. */
    public String runsHeading() {
        return switch (runs.size()) {
            case 0 -> "Runs";
            case 1 -> "The last run";
            default -> "Last " + runs.size() + " runs";
        };
    }

    /** The rule to show selected for an attribute: what was sent, else what is stored. */
    public String selected(String entity, DataRequirementRules.AttributeRule attribute) {
        return chosen.getOrDefault(entity + "." + attribute.attribute(), attribute.rule().name());
    }

    public String error(String field) {
        return errors.get(field);
    }
}
