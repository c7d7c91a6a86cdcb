package org.rostersync.oneroster;

import java.util.Set;

/** The file names a OneRoster 1.1 delivery may hold: manifest.csv and the thirteen data files. */
public final class OneRosterFiles {

    public static final String MANIFEST = "manifest.csv";

    /** The six gradebook and resources files, which rostersync receives but does not import. */
    public static final Set<String> NOT_IMPORTED = Set.of("categories.csv", "classResources.csv", "courseResources.csv",
            "lineItems.csv", "resources.csv", "results.csv");

    public static final Set<String> ALL = Set.of(MANIFEST, "academicSessions.csv", "categories.csv", "classes.csv",
            "classResources.csv", "courses.csv", "courseResources.csv", "demographics.csv", "enrollments.csv", "lineItems.csv",
            "orgs.csv", "resources.csv", "results.csv", "users.csv");

    private OneRosterFiles() {
    }
}
