package org.rostersync.intake.sftp;

import org.rostersync.oneroster.OneRosterFiles;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names a vendor may upload: the OneRoster 1.1 files (exact names, as the manifest spells them) and zip deliveries,
 * plus the same names with a temporary suffix for clients that upload under a temporary name and rename when done
 * (WinSCP's {@code .filepart}, and the common {@code .part}, {@code .tmp}, ...; lftp's {@code .in.users.csv}). A
 * temporarily named file is kept but is never part of a delivery.
 */
final class UploadNames {

    static final List<String> TEMPORARY_SUFFIXES = List.of(".filepart", ".part", ".partial", ".tmp", ".upload", ".uploading");

    /** A zip delivery: letters, digits, dot, dash and underscore, not starting with a dot, at most 128 characters. */
    private static final Pattern ZIP = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,123}\\.zip");

    private UploadNames() {
    }

    /** Whether a file of this name, once complete, belongs to the delivery. */
    static boolean isDelivered(String name) {
        return OneRosterFiles.ALL.contains(name) || ZIP.matcher(name).matches();
    }

    /** Why a file cannot be written under this name, or empty when it can. */
    static Optional<String> refusal(String name) {
        if (isDelivered(name) || TEMPORARY_SUFFIXES.stream().anyMatch(s -> name.endsWith(s)
                && isDelivered(name.substring(0, name.length() - s.length())))) {
            return Optional.empty();
        }
        // lftp's xfer:use-temp-file names the file ".in.NAME" (4.9; ".in.NAME." in its documentation) until it renames it
        if (name.startsWith(".in.")) {
            String real = name.substring(4);
            if (isDelivered(real) || real.endsWith(".") && isDelivered(real.substring(0, real.length() - 1))) {
                return Optional.empty();
            }
        }
        return Optional.of("'" + name + "' is not a file this inbox takes: upload manifest.csv and the OneRoster 1.1 files"
                + " (orgs.csv, users.csv, ...; the names are case-sensitive) or one .zip of them, optionally under a"
                + " temporary name ending in " + String.join(", ", TEMPORARY_SUFFIXES) + " (or lftp's .in.NAME) that you"
                + " rename when done");
    }
}
