package org.rostersync.pipeline;

import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Snapshot;
import org.rostersync.oneroster.CsvFormatException;
import org.rostersync.oneroster.Delimiter;
import org.rostersync.oneroster.Manifest;
import org.rostersync.oneroster.OneRosterFiles;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.report.IssueCode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which files a run imports and in which mode. With manifest.csv, its {@code file.*} rows rule: a file listed
 * as bulk or delta but not delivered is fatal, a file delivered but listed as absent is ignored with a warning. Without
 * a manifest the delivery is read as OneRoster 1.0-style: the rostering files present are imported in bulk.
 */
final class DeliveryPlan {

    static final String MANIFEST = OneRosterFiles.MANIFEST;
    private static final java.util.Set<String> ONEROSTER_1_2 = java.util.Set.of("roles.csv", "userProfiles.csv",
            "userResources.csv", "scoreScales.csv", "lineItemScoreScales.csv", "resultScoreScales.csv",
            "lineItemLearningObjectiveIds.csv", "resultLearningObjectiveIds.csv");

    private DeliveryPlan() {
    }

    /** Checks manifest.version and oneroster.version; false (with a fatal issue) for a delivery of another OneRoster version. */
    private static boolean versionsSupported(Manifest manifest, RunIssues issues) {
        String oneRoster = manifest.properties().get("oneroster.version");
        if (oneRoster == null) {
            issues.add(IssueCode.MANIFEST_VERSION_MISSING.ofFile(MANIFEST,
                    "manifest.csv has no oneroster.version row; read as OneRoster 1.1"));
        } else if (oneRoster.startsWith("1.2")) {
            issues.add(IssueCode.MANIFEST_UNSUPPORTED_VERSION.ofFile(MANIFEST, "manifest.csv says oneroster.version,"
                    + oneRoster + ": this is a OneRoster 1.2 delivery, and rostersync receives OneRoster 1.1"));
            return false;
        } else if (!oneRoster.equals("1.1")) {
            issues.add(IssueCode.MANIFEST_VERSION_UNEXPECTED.ofFile(MANIFEST, "manifest.csv says oneroster.version," + oneRoster
                    + "; read as OneRoster 1.1"));
        }
        String manifestVersion = manifest.properties().get("manifest.version");
        if (manifestVersion != null && !manifestVersion.equals("1.0")) {
            issues.add(IssueCode.MANIFEST_VERSION_UNEXPECTED.ofFile(MANIFEST, "manifest.csv says manifest.version,"
                    + manifestVersion + "; OneRoster 1.1 manifests are version 1.0"));
        }
        return true;
    }

    /** The files to import, in load order; empty when the delivery holds nothing to import. */
    static List<PlannedFile> plan(Snapshot snapshot, RunIssues issues) {
        for (DeliveryFile f : snapshot.files()) {
            if (!f.name().equals(MANIFEST) && RosterFile.byFileName(f.name()).isEmpty()) {
                issues.add(IssueCode.DELIVERY_FILE_NOT_IMPORTED.ofFile(f.name(), OneRosterFiles.NOT_IMPORTED.contains(f.name())
                        ? f.name() + " is a OneRoster gradebook or resources file, which rostersync does not import"
                        : ONEROSTER_1_2.contains(f.name()) ? f.name() + " is a OneRoster 1.2 file, which a 1.1 delivery does not"
                        + " have; ignored" : f.name() + " is not a OneRoster rostering file and was ignored"));
            }
        }
        Optional<Path> manifestPath = snapshot.file(MANIFEST);
        List<PlannedFile> planned = new ArrayList<>();
        if (manifestPath.isEmpty()) {
            for (RosterFile file : RosterFile.values()) {
                snapshot.file(file.fileName()).ifPresent(path -> planned.add(new PlannedFile(file, true, path)));
            }
            if (!planned.isEmpty()) {
                issues.add(IssueCode.MANIFEST_MISSING.ofFile(MANIFEST, "no manifest.csv was delivered: read as a "
                        + "OneRoster 1.0-style delivery, the rostering files present are imported in bulk mode"));
            }
            return planned;
        }
        Manifest manifest;
        try {
            manifest = Manifest.read(manifestPath.get());
        } catch (IOException | CsvFormatException e) {
            issues.add(IssueCode.MANIFEST_UNREADABLE.ofFile(MANIFEST, "manifest.csv cannot be read: " + e.getMessage()));
            return List.of();
        }
        if (manifest.wrongDelimiter().isPresent()) {
            Delimiter d = manifest.wrongDelimiter().get();
            issues.add(IssueCode.CSV_WRONG_DELIMITER.at(MANIFEST, 1L).value(d.symbol()).message(MANIFEST + " is delimited by "
                    + d.label() + ", not commas, so which files to import cannot be read. Export it as comma-separated CSV,"
                    + " as OneRoster requires"));
            return List.of();
        }
        if (!versionsSupported(manifest, issues)) {
            return List.of();
        }
        for (RosterFile file : RosterFile.values()) {
            Optional<Path> path = snapshot.file(file.fileName());
            String mode = manifest.modeOf(file.entity()).orElse(null);
            if (mode == null) {
                if (path.isPresent()) {
                    issues.add(IssueCode.MANIFEST_MODE_MISSING.ofFile(MANIFEST, "manifest.csv has no file."
                            + file.entity() + " row but " + file.fileName() + " was delivered: imported in bulk mode"));
                    planned.add(new PlannedFile(file, true, path.get()));
                }
                continue;
            }
            switch (mode) {
                case "absent" -> path.ifPresent(p -> issues.add(IssueCode.MANIFEST_FILE_DECLARED_ABSENT.ofFile(file.fileName(),
                        file.fileName() + " was delivered but manifest.csv says file." + file.entity() + ",absent: ignored")));
                case "bulk", "delta" -> {
                    if (path.isPresent()) {
                        planned.add(new PlannedFile(file, mode.equals("bulk"), path.get()));
                    } else {
                        issues.add(IssueCode.MANIFEST_FILE_MISSING.ofFile(file.fileName(), "manifest.csv lists file."
                                + file.entity() + "," + mode + " but " + file.fileName() + " has not been delivered completely"));
                    }
                }
                default -> issues.add(IssueCode.MANIFEST_MODE_INVALID.ofFile(MANIFEST, "manifest.csv says file."
                        + file.entity() + "," + mode + "; the mode must be absent, bulk or delta"));
            }
        }
        return planned;
    }
}
