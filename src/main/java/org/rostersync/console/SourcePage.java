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

    /** How many of the entity's attributes are set otherwise than their default, as the form shows them. */
    public long customised(DataRequirementRules.EntityRules entity) {
        return entity.attributes().stream().filter(a -> !a.mandatory() && !selected(entity.entity(), a).equals(a.defaultRule().name())).count();
    }

    /**
     * Whether the entity's group of the form opens: when it holds a rule other than the default or a refused value, the
     * rest stay folded so that the form is a screen, not 2,500 px of selects.
     */
    public boolean opens(DataRequirementRules.EntityRules entity) {
        return customised(entity) > 0 || entity.attributes().stream().anyMatch(a -> error(entity.entity() + "." + a.attribute()) != null);
    }

    public String error(String field) {
        return errors.get(field);
    }
}
