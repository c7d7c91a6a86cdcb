package org.rostersync.oneroster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvFileTest {

    @TempDir
    Path dir;

    @Test
    void bomIsDroppedAndCrlfQuotedCommasAndMissingFinalNewlineAreRead() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "sourcedId,name\r\nu1,\"Smith, Jr.\"\r\nu2,\"say \"\"hi\"\"\"\r\nu3,Zoë".getBytes(StandardCharsets.UTF_8);
        Path file = write(concat(bom, body));
        try (CsvFile csv = CsvFile.open(file)) {
            assertEquals(List.of("sourcedId", "name"), csv.header());
            List<CsvRow> rows = rows(csv);
            assertEquals(3, rows.size());
            assertArrayEquals(new String[]{"u1", "Smith, Jr."}, rows.get(0).values());
            assertArrayEquals(new String[]{"u2", "say \"hi\""}, rows.get(1).values());
            assertArrayEquals(new String[]{"u3", "Zoë"}, rows.get(2).values());
            assertEquals(List.of(2L, 3L, 4L), rows.stream().map(CsvRow::line).toList());
        }
    }

    @Test
    void lineNumbersFollowPhysicalLinesWhenAFieldSpansLines() throws IOException {
        Path file = write("sourcedId,note\nu1,\"two\nlines\"\nu2,x\n".getBytes(StandardCharsets.UTF_8));
        try (CsvFile csv = CsvFile.open(file)) {
            assertEquals(List.of(2L, 4L), rows(csv).stream().map(CsvRow::line).toList());
        }
    }

    @Test
    void invalidUtf8StopsTheFileAtTheLineOfTheBadBytesAfterHandingOutTheRowsBeforeIt() throws IOException {
        byte[] good = "sourcedId,name\nu1,ok\nu2,ok\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "u3,Espa\u00f1a\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = write(concat(good, bad));
        try (CsvFile csv = CsvFile.open(file)) {
            List<CsvRow> seen = new ArrayList<>();
            CsvFormatException e = assertThrows(CsvFormatException.class, () -> csv.forEach(seen::add));
            assertEquals(4, e.line());
            assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
            assertEquals(2, seen.size());
        }
    }

    @Test
    void invalidUtf8FarIntoALargeFileIsFoundOnItsLine() throws IOException {
        StringBuilder text = new StringBuilder("sourcedId,name\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("u").append(i).append(",Zoë Müller\n");
        }
        byte[] bad = {'x', ',', (byte) 0xC3, '(', '\n'};
        Path file = write(concat(text.toString().getBytes(StandardCharsets.UTF_8), bad));
        try (CsvFile csv = CsvFile.open(file)) {
            CsvFormatException e = assertThrows(CsvFormatException.class, () -> csv.forEach(r -> { }));
            assertEquals(20_002, e.line());
        }
    }

    @Test
    void anUnclosedQuoteRunningOnPastTheLineLimitStopsWithBoundedMemory() throws IOException {
        StringBuilder text = new StringBuilder("sourcedId,name\nu1,ok\nu2,\"never closed\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("u").append(i).append(",filler text\n");
        }
        Path file = write(text.toString().getBytes(StandardCharsets.UTF_8));
        try (CsvFile csv = CsvFile.open(file)) {
            List<CsvRow> seen = new ArrayList<>();
            CsvFormatException e = assertThrows(CsvFormatException.class, () -> csv.forEach(seen::add));
            assertEquals("csv.line_too_long", e.code());
            assertEquals(3, e.line(), "the line where the runaway row starts");
            assertEquals(1, seen.size(), "the rows before the runaway field are read");
        }
    }

    @Test
    void aSinglePhysicalLineOverTheLimitIsReportedOnItsLine() throws IOException {
        String huge = "x".repeat(StrictUtf8Reader.MAX_LINE_CHARS + 10);
        Path file = write(("sourcedId,name\nu1,ok\nu2," + huge + "\nu3,ok\n").getBytes(StandardCharsets.UTF_8));
        try (CsvFile csv = CsvFile.open(file)) {
            CsvFormatException e = assertThrows(CsvFormatException.class, () -> csv.forEach(r -> { }));
            assertEquals(3, e.line());
            assertEquals("csv.line_too_long", e.code());
        }
    }

    @Test
    void unbalancedQuoteIsAFormatErrorNotASwallowedFile() throws IOException {
        Path file = write("sourcedId,name\nu1,\"open\nu2,x\n".getBytes(StandardCharsets.UTF_8));
        try (CsvFile csv = CsvFile.open(file)) {
            assertThrows(CsvFormatException.class, () -> csv.forEach(r -> { }));
        }
    }

    @Test
    void manifestOfAPublicSampleListsItsModes() throws IOException {
        Path manifest = Path.of("src/test/resources/public-samples/v1p1_Test_full_data_set/manifest.csv");
        Manifest m = Manifest.read(manifest);
        assertEquals("bulk", m.modeOf("users").orElseThrow());
        assertEquals("absent", m.modeOf("courses").orElseThrow());
        assertEquals("1.1", m.properties().get("oneroster.version"));
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("f.csv"), bytes);
    }

    private static List<CsvRow> rows(CsvFile csv) {
        List<CsvRow> out = new ArrayList<>();
        csv.forEach(out::add);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
