package org.rostersync.pipeline;

import io.micronaut.serde.annotation.Serdeable;
import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.tenant.DataRequirements;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.Requirement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The defaults of data requirements and what an operator may change. Attributes a record cannot exist without are
 * {@code skip} and cannot be lowered; other attributes the spec requires default to {@code report}; optional ones to
 * {@code none}, and can be raised (an application that needs users.email sets it to {@code skip}).
 */
public final class DataRequirementRules {

    public static final String SOURCED_ID = "sourcedId";

    /** Without these a record means nothing to the roster (a user without a role or an org, an enrollment without its class). */
    private static final Map<RosterFile, Set<String>> MANDATORY = Map.of(
            RosterFile.ORGS, Set.of("type"),
            RosterFile.ACADEMIC_SESSIONS, Set.of("type"),
            RosterFile.COURSES, Set.of("orgSourcedId"),
            RosterFile.CLASSES, Set.of("courseSourcedId", "schoolSourcedId", "termSourcedIds"),
            RosterFile.USERS, Set.of("role", "orgSourcedIds"),
            RosterFile.DEMOGRAPHICS, Set.of(),
            RosterFile.ENROLLMENTS, Set.of("classSourcedId", "schoolSourcedId", "userSourcedId", "role"));

    private DataRequirementRules() {
    }

    /** One attribute's rule as the API shows it. */
    @Serdeable
    public record AttributeRule(String attribute, Requirement rule, Requirement defaultRule, boolean mandatory,
                                boolean requiredBySpec) {
    }

    @Serdeable
    public record EntityRules(String entity, List<AttributeRule> attributes) {
    }

    public static boolean isMandatory(RosterFile file, String attribute) {
        return attribute.equals(SOURCED_ID) || MANDATORY.get(file).contains(attribute);
    }

    public static Requirement defaultRule(RosterFile file, Column column) {
        return isMandatory(file, column.name()) ? Requirement.skip : column.required() ? Requirement.report : Requirement.none;
    }

    /** Every attribute of every file with its rule for these requirements, its default and whether it can be lowered. */
    public static List<EntityRules> describe(DataRequirements requirements) {
        List<EntityRules> out = new ArrayList<>();
        for (RosterFile file : RosterFile.values()) {
            List<AttributeRule> attributes = new ArrayList<>();
            attributes.add(new AttributeRule(SOURCED_ID, Requirement.skip, Requirement.skip, true, true));
            for (Column column : file.columns()) {
                Requirement defaultRule = defaultRule(file, column);
                Requirement chosen = requirements.rule(file.entity(), column.name());
                attributes.add(new AttributeRule(column.name(), chosen == null ? defaultRule : chosen, defaultRule,
                        isMandatory(file, column.name()), column.required()));
            }
            out.add(new EntityRules(file.entity(), List.copyOf(attributes)));
        }
        return List.copyOf(out);
    }

    /**
     * Checks the rules an operator asks for, {@code {"users": {"email": "skip"}}}, and keeps those that differ from the
     * default.
     *
     * @throws InvalidSettingException naming the entity or attribute that is wrong
     */
    public static DataRequirements check(Map<String, Map<String, String>> requested) {
        Map<String, Map<String, Requirement>> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> entity : requested.entrySet()) {
            RosterFile file = RosterFile.byEntity(entity.getKey())
                    .orElseThrow(() -> new InvalidSettingException(entity.getKey(), "'" + entity.getKey() + "' is not a OneRoster"
                            + " rostering entity (" + String.join(", ", Arrays.stream(RosterFile.values()).map(RosterFile::entity).toList()) + ")"));
            if (entity.getValue() == null) {
                throw new InvalidSettingException(file.entity(), file.entity() + " must map attributes to none, report or skip");
            }
            for (Map.Entry<String, String> attribute : entity.getValue().entrySet()) {
                String field = file.entity() + "." + attribute.getKey();
                Requirement rule = parse(field, attribute.getValue());
                Requirement defaultRule;
                if (attribute.getKey().equals(SOURCED_ID)) {
                    defaultRule = Requirement.skip;
                } else {
                    Optional<Column> column = file.column(attribute.getKey());
                    if (column.isEmpty()) {
                        throw new InvalidSettingException(field, file.fileName() + " has no attribute '" + attribute.getKey() + "'");
                    }
                    defaultRule = defaultRule(file, column.get());
                }
                if (isMandatory(file, attribute.getKey()) && rule != Requirement.skip) {
                    throw new InvalidSettingException(field, field + " cannot be lowered from skip: a record of "
                            + file.fileName() + " cannot exist without it");
                }
                if (rule != defaultRule) {
                    kept.computeIfAbsent(file.entity(), e -> new LinkedHashMap<>()).put(attribute.getKey(), rule);
                }
            }
        }
        return new DataRequirements(kept);
    }

    private static Requirement parse(String field, String text) {
        if (text != null) {
            try {
                return Requirement.valueOf(text.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new InvalidSettingException(field, field + ": '" + text + "' is not none, report or skip");
    }

    /** The rule of each column of every file ({@link RosterFile#columns()} order), for a run. */
    static Map<RosterFile, Requirement[]> effective(DataRequirements requirements) {
        Map<RosterFile, Requirement[]> out = new EnumMap<>(RosterFile.class);
        for (RosterFile file : RosterFile.values()) {
            Requirement[] rules = new Requirement[file.columns().size()];
            for (int c = 0; c < rules.length; c++) {
                Column column = file.columns().get(c);
                Requirement chosen = requirements.rule(file.entity(), column.name());
                rules[c] = chosen == null ? defaultRule(file, column) : chosen;
            }
            out.put(file, rules);
        }
        return out;
    }
}
