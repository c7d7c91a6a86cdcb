package org.rostersync.intake.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a zip delivery safely. Files are written only under names from an allow-list (the OneRoster file names), so
 * no path is ever built from an entry name: entries with {@code ..}, an absolute path or a backslash are refused, entries
 * in folders are ignored, and unpacking stops when the entry count, the total size or the compression ratio passes its
 * limit, measured on the bytes actually inflated.
 */
final class ZipExtractor {

    private final ZipLimits limits;
    private final Set<String> accepted;

    ZipExtractor(ZipLimits limits, Set<String> accepted) {
        this.limits = limits;
        this.accepted = Set.copyOf(accepted);
    }

    /** What was unpacked and what was found; files are empty when a fatal note says the zip cannot be used. */
    record Result(List<DeliveryFile> files, List<DeliveryNote> notes) {

        boolean fatal() {
            return notes.stream().anyMatch(DeliveryNote::fatal);
        }
    }

    Result extract(Path zip, String zipName, Instant receivedAt, Path into) throws IOException {
        List<DeliveryFile> files = new ArrayList<>();
        List<DeliveryNote> notes = new ArrayList<>();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            if (archive.size() > limits.maxEntries()) {
                notes.add(fatal(zipName, "zip.too_many_entries", zipName + " has " + archive.size() + " entries; at most "
                        + limits.maxEntries() + " are accepted (a delivery has at most 14 files)"));
                return new Result(List.of(), notes);
            }
            Set<String> seen = new HashSet<>();
            long total = 0;
            for (ZipEntry entry : archive.stream().toList()) {
                String name = entry.getName();
                String refusal = unsafe(name);
                if (refusal != null) {
                    notes.add(fatal(zipName, "zip.unsafe_entry", zipName + " holds an entry named '" + printable(name) + "' ("
                            + refusal + "); a delivery zip holds only the OneRoster files at its root"));
                    continue;
                }
                if (entry.isDirectory() || name.startsWith("__MACOSX/") || name.endsWith("/.DS_Store") || name.equals(".DS_Store")) {
                    continue;
                }
                if (name.contains("/")) {
                    notes.add(warning(zipName, "zip.nested_entry", printable(name) + " in " + zipName
                            + " is inside a folder and was ignored: zip the files themselves, not the folder that holds them"));
                    continue;
                }
                if (!accepted.contains(name)) {
                    notes.add(warning(zipName, "zip.unknown_entry", printable(name) + " in " + zipName
                            + " is not a OneRoster file name and was ignored"));
                    continue;
                }
                if (!seen.add(name)) {
                    notes.add(fatal(zipName, "zip.duplicate_entry", zipName + " holds " + name + " twice"));
                    continue;
                }
                Path target = into.resolve(accepted.stream().filter(name::equals).findFirst().orElseThrow());
                long budget = Math.min(limits.maxTotalBytes() - total,
                        Math.max(entry.getCompressedSize(), 1) * (long) limits.maxRatio());
                Copied copied;
                try (InputStream in = archive.getInputStream(entry)) {
                    copied = copy(in, target, budget);
                }
                total += copied.bytes();
                if (copied.bytes() > budget) {
                    Files.deleteIfExists(target);
                    notes.add(fatal(zipName, "zip.too_large", name + " in " + zipName + " unpacks to more than "
                            + budget + " bytes (limits: "
                            + limits.maxTotalBytes() + " bytes in all, a compression ratio of " + limits.maxRatio() + ":1)"));
                    return new Result(List.of(), notes);
                }
                files.add(new DeliveryFile(name, copied.bytes(), copied.sha256(), receivedAt));
            }
        } catch (ZipException e) {
            notes.add(fatal(zipName, "zip.unreadable", zipName + " cannot be read as a zip file: " + e.getMessage()));
            return new Result(List.of(), notes);
        }
        return new Result(files, notes);
    }

    /** Why an entry name is dangerous, or null. */
    private static String unsafe(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            return "an absolute path";
        }
        if (name.contains("\\")) {
            return "a backslash";
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                return "a parent-folder step";
            }
        }
        for (char ch : name.toCharArray()) {
            if (ch < 0x20 || ch == 0x7f) {
                return "a control character";
            }
        }
        return null;
    }

    private record Copied(long bytes, String sha256) {
    }

    /** Copies at most {@code budget + 1} bytes, so that a bomb is noticed after one byte too many, not at its end. */
    private static Copied copy(InputStream in, Path target, long budget) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        long written = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(org.rostersync.config.PrivateFiles.newFile(target)), digest)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                int allowed = (int) Math.min(n, budget + 1 - written);
                out.write(buffer, 0, allowed);
                written += allowed;
                if (written > budget) {
                    break;
                }
            }
        }
        return new Copied(written, HexFormat.of().formatHex(digest.digest()));
    }

    private static String printable(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "..." : clean;
    }

    private static DeliveryNote fatal(String file, String code, String message) {
        return new DeliveryNote(file, code, true, message);
    }

    private static DeliveryNote warning(String file, String code, String message) {
        return new DeliveryNote(file, code, false, message);
    }
}
