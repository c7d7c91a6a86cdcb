package org.rostersync.intake.inbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.support.Zips;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZipExtractorTest {

    private static final Set<String> NAMES = Set.of("manifest.csv", "orgs.csv", "users.csv");
    private static final byte[] CSV = "sourcedId\nx\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void rootEntriesWithOneRosterNamesAreUnpackedWithTheirDigest() throws IOException {
        ZipExtractor.Result r = extract(Map.of("orgs.csv", CSV, "manifest.csv", CSV), ZipLimits.DEFAULT);
        assertEquals(List.of(), r.notes());
        assertEquals(Set.of("orgs.csv", "manifest.csv"), Set.copyOf(r.files().stream().map(DeliveryFile::name).toList()));
        assertEquals(CSV.length, r.files().get(0).size());
        assertEquals("sourcedId\nx\n", Files.readString(dir.resolve("out/orgs.csv")));
    }

    @Test
    void entriesThatClimbOutOrAreAbsoluteAreRefusedAndNothingIsWrittenOutside() throws IOException {
        for (String name : List.of("../users.csv", "a/../../users.csv", "/tmp/users.csv", "C:\\users.csv", "..\\users.csv")) {
            ZipExtractor.Result r = extract(Map.of(name, CSV, "orgs.csv", CSV), ZipLimits.DEFAULT);
            assertTrue(r.fatal(), name);
            assertEquals("zip.unsafe_entry", r.notes().get(0).code(), name);
            assertFalse(Files.exists(dir.resolve("users.csv")), name);
            try (Stream<Path> out = Files.list(dir.resolve("out"))) {
                assertTrue(out.noneMatch(p -> p.getFileName().toString().equals("users.csv")), name);
            }
        }
    }

    @Test
    void entriesInFoldersOrWithOtherNamesAreIgnoredWithAWarning() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("district/users.csv", CSV);
        entries.put("notes.txt", CSV);
        entries.put("__MACOSX/._orgs.csv", CSV);
        entries.put("orgs.csv", CSV);
        ZipExtractor.Result r = extract(entries, ZipLimits.DEFAULT);
        assertFalse(r.fatal());
        assertEquals(List.of("zip.nested_entry", "zip.unknown_entry"), r.notes().stream().map(DeliveryNote::code).toList());
        assertEquals(List.of("orgs.csv"), r.files().stream().map(DeliveryFile::name).toList());
    }

    @Test
    void aBombIsStoppedByTheRatioLimitWhileInflating() throws IOException {
        byte[] zeros = new byte[20 << 20];
        ZipExtractor.Result r = extract(Map.of("users.csv", zeros), ZipLimits.DEFAULT);
        assertTrue(r.fatal());
        assertEquals("zip.too_large", r.notes().get(0).code());
        assertEquals(List.of(), r.files());
        assertFalse(Files.exists(dir.resolve("out/users.csv")), "the partial file is removed");
    }

    @Test
    void totalSizeAndEntryCountHaveLimits() throws IOException {
        byte[] random = new byte[4096];
        new java.util.Random(1).nextBytes(random);
        ZipExtractor.Result big = extract(Map.of("orgs.csv", random, "users.csv", random), new ZipLimits(20, 6000, 100));
        assertEquals("zip.too_large", big.notes().get(0).code());
        ZipExtractor.Result many = extract(Map.of("orgs.csv", CSV, "users.csv", CSV, "manifest.csv", CSV), new ZipLimits(2, 1 << 20, 100));
        assertEquals("zip.too_many_entries", many.notes().get(0).code());
    }

    @Test
    void somethingThatIsNotAZipIsReportedNotThrown() throws IOException {
        Path fake = Files.write(dir.resolve("fake.zip"), CSV);
        ZipExtractor.Result r = new ZipExtractor(ZipLimits.DEFAULT, NAMES)
                .extract(fake, "fake.zip", Instant.now(), Files.createDirectories(dir.resolve("out")));
        assertEquals("zip.unreadable", r.notes().get(0).code());
    }

    private ZipExtractor.Result extract(Map<String, byte[]> entries, ZipLimits limits) throws IOException {
        Path zip = Files.write(dir.resolve("d.zip"), Zips.zip(entries));
        Path out = dir.resolve("out");
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.list(out)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(out);
        return new ZipExtractor(limits, NAMES).extract(zip, "d.zip", Instant.now(), out);
    }
}
