package org.rostersync.intake.remote;

import org.rostersync.report.PrintableText;
import org.rostersync.oneroster.OneRosterFiles;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which remote files a fetch takes (globs on the file name, as a shell matches them), and which names the inbox accepts
 * at all: the same as a hosted upload's, so that a fetched delivery passes the same checks.
 */
final class FilePatterns {

    /** The OneRoster 1.1 files and manifest.csv by name, and any zip. */
    static final List<String> DEFAULT = Stream.concat(OneRosterFiles.ALL.stream().sorted(), Stream.of("*.zip")).toList();

    /** As the hosted SFTP server takes a zip delivery's name. */
    private static final Pattern ZIP = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,123}\\.zip");

    private final List<PathMatcher> matchers;

    private FilePatterns(List<PathMatcher> matchers) {
        this.matchers = matchers;
    }

    static FilePatterns of(List<String> globs) {
        return new FilePatterns(globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList());
    }

    boolean matches(String name) {
        Path path;
        try {
            path = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            return true; // a name no file here can have (a NUL): matched, so that the fetch refuses it by name
        }
        return matchers.stream().anyMatch(m -> m.matches(path));
    }

    /** A remote file's name for a message: control characters (a NUL would be refused by PostgreSQL) as \\uXXXX. */
    static String shown(String name) {
        return PrintableText.of(name);
    }

    /** Why one glob cannot be used, or empty. */
    static Optional<String> invalid(String glob) {
        if (glob == null || glob.isBlank()) {
            return Optional.of("a pattern must not be blank");
        }
        if (glob.length() > 200 || glob.contains("/") || glob.contains("\\\\") || glob.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("'" + glob + "' is not a file name pattern: at most 200 characters, no '/', no control characters");
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + glob + "' is not a valid glob: " + e.getMessage());
        }
    }

    /** Whether the inbox takes a file of this name into a delivery (as {@code intake.sftp}'s upload names do). */
    static boolean deliverable(String name) {
        return OneRosterFiles.ALL.contains(name) || ZIP.matcher(name).matches();
    }
}
