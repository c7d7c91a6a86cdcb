package org.rostersync.roster;

import io.micronaut.core.annotation.Nullable;

/**
 * A record that belongs to another through enrollments or class terms, for the nested calls of the 1.1 binding.
 *
 * @param link      how the two are related
 * @param sourcedId the other record
 * @param role      for enrollments: only those of this role (null: any)
 * @param school    for enrollments: only those at this school (null: any)
 */
public record Related(Link link, String sourcedId, @Nullable String role, @Nullable String school) implements Constraint {

    public enum Link {
        /** users enrolled in the class {@code sourcedId}. */
        USERS_IN_CLASS,
        /** classes the user {@code sourcedId} is enrolled in. */
        CLASSES_OF_USER,
        /** academic sessions that classes of the school {@code sourcedId} are taught in. */
        SESSIONS_OF_SCHOOL
    }
}
