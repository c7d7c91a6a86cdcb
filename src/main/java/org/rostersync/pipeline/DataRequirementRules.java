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

    /**
     * Not an attribute but a choice about one: what becomes of a class whose schoolSourcedId names an org of another type
     * (a department: some SIS exports do this, Moodle's own 1.1 test sets too). {@code skip} (the default) leaves the class
     * and its enrollments out; {@code report} imports them, with a warning each.
     */
    public static final String SCHOOL_OF_ANOTHER_TYPE = "schoolOfAnotherType";
    private static final List<Requirement> ALL = List.of(Requirement.none, Requirement.report, Requirement.skip);

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

    /**
     * One attribute's rule as the API shows it: the rules it may have ({@code choices}), and for a choice that is not an
     * attribute of the file, what it decides ({@code explanation}, else null).
     */
    @Serdeable
    public record AttributeRule(String attribute, Requirement rule, Requirement defaultRule, boolean mandatory,
                                boolean requiredBySpec, List<Requirement> choices, @io.micronaut.core.annotation.Nullable String explanation) {

        AttributeRule(String attribute, Requirement rule, Requirement defaultRule, boolean mandatory, boolean requiredBySpec) {
            this(attribute, rule, defaultRule, mandatory, requiredBySpec, mandatory ? List.of(Requirement.skip) : ALL, null);
        }
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
            if (file == RosterFile.CLASSES) {
                Requirement chosen = requirements.rule(file.entity(), SCHOOL_OF_ANOTHER_TYPE);
                attributes.add(new AttributeRule(SCHOOL_OF_ANOTHER_TYPE, chosen == null ? Requirement.skip : chosen, Requirement.skip,
                        false, false, List.of(Requirement.report, Requirement.skip), "a class whose schoolSourcedId names an org that"
                        + " is not of type school (a department, say): skip leaves it and its enrollments out; report imports them,"
                        + " with a warning"));
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
                } else if (file == RosterFile.CLASSES && attribute.getKey().equals(SCHOOL_OF_ANOTHER_TYPE)) {
                    if (rule == Requirement.none) {
                        throw new InvalidSettingException(field, field + ": a class whose school is not a school is either imported"
                                + " with a warning (report) or left out (skip), never silently: 'none' is not allowed");
                    }
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

    /** Whether classes whose school is an org of another type, and their enrollments, are imported (with a warning). */
    static boolean acceptsSchoolsOfAnotherType(DataRequirements requirements) {
        return requirements.rule(RosterFile.CLASSES.entity(), SCHOOL_OF_ANOTHER_TYPE) == Requirement.report;
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
