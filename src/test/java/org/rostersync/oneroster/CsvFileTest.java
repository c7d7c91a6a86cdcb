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
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void theFirstControlCharacterOfARowIsFoundWithItsFieldAndTabsAndLineBreaksAreNotControls() throws IOException {
        Path file = write(("sourcedId,a,b\nu1,x\u0001y,\"z\u007f\"\nu2,\"q\u0007\",\u001f\nu3,\ttab,\"two\r\nlines\"\n"
                + "u4,\u007f,x\n").getBytes(StandardCharsets.UTF_8));
        try (CsvFile csv = CsvFile.open(file)) {
            List<CsvRow> rows = rows(csv);
            assertEquals(new CsvRow.ControlCharacter(1, '\u0001'), rows.get(0).control());
            assertEquals(new CsvRow.ControlCharacter(1, '\u0007'), rows.get(1).control(), "inside quotes too");
            assertNull(rows.get(2).control(), "tab, CR and LF are not control characters here");
            assertEquals(new CsvRow.ControlCharacter(1, '\u007f'), rows.get(3).control(), "at a field's start, DEL");
            assertArrayEquals(new String[]{"u1", "x\u0001y", "z\u007f"}, rows.get(0).values(), "the values are read as they are");
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
    void invalidUtf8InAFileOfUtf8TextMarksItsRowAndTheFieldHoldingItAndReadingGoesOn() throws IOException {
        byte[] good = "sourcedId,name\nu1,Zoë\nu2,ok\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "u3,Espa\u00f1a\nu4,ok\n".getBytes(StandardCharsets.ISO_8859_1);
        try (CsvFile csv = CsvFile.open(write(concat(good, bad)))) {
            List<CsvRow> rows = rows(csv);
            assertEquals(List.of(2L, 3L, 4L, 5L), rows.stream().map(CsvRow::line).toList());
            assertEquals(RowDefect.INVALID_UTF8, rows.get(2).defect());
            assertArrayEquals(new String[]{"u3", "Espa\uFFFDa"}, rows.get(2).values());
            assertNull(rows.get(3).defect());
            assertNull(rows.get(1).defect());
            assertEquals(Encoding.UTF_8, csv.encoding(), "the file holds UTF-8 text: a stray byte does not make it Windows-1252");
            assertNull(csv.encodingNote());
        }
    }

    @Test
    void aFileWhoseFirstNonAsciiByteIsNotUtf8AndThatHoldsNoUtf8IsReadAsWindows1252() throws IOException {
        byte[] text = "sourcedId,name\nu1,ok\nu2,Espa\u00f1a\nu3,Ren\u00e9e \u2013 \u20ac5\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        try (CsvFile csv = CsvFile.open(write(text))) {
            List<CsvRow> rows = rows(csv);
            assertArrayEquals(new String[]{"u2", "Espa\u00f1a"}, rows.get(1).values());
            assertArrayEquals(new String[]{"u3", "Ren\u00e9e \u2013 \u20ac5"}, rows.get(2).values());
            assertTrue(rows.stream().allMatch(r -> r.defect() == null));
            assertEquals(Encoding.WINDOWS_1252, csv.encoding());
            assertTrue(csv.encodingNote().contains("read as Windows-1252"), csv.encodingNote());
        }
    }

    @Test
    void utf16IsToldByItsByteOrderMarkOrItsZeroBytesAndReadAsUtf16() throws IOException {
        String text = "sourcedId,name\r\nu1,\u0141ukasz\r\nu2,\"Zo\u00eb, \ud83d\ude00\"\r\n";
        byte[][] files = {
                concat(new byte[]{(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)),
                concat(new byte[]{(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)),
                text.getBytes(StandardCharsets.UTF_16LE),
                text.getBytes(StandardCharsets.UTF_16BE)};
        for (byte[] file : files) {
            try (CsvFile csv = CsvFile.open(write(file))) {
                assertEquals(List.of("sourcedId", "name"), csv.header());
                List<CsvRow> rows = rows(csv);
                assertArrayEquals(new String[]{"u1", "\u0141ukasz"}, rows.get(0).values());
                assertArrayEquals(new String[]{"u2", "Zo\u00eb, \ud83d\ude00"}, rows.get(1).values());
                assertEquals(List.of(2L, 3L), rows.stream().map(CsvRow::line).toList());
                assertTrue(csv.encodingNote().contains("UTF-16"), csv.encodingNote());
            }
        }
    }

    @Test
    void invalidUtf8FarIntoALargeFileIsFoundOnItsLine() throws IOException {
        StringBuilder text = new StringBuilder("sourcedId,name\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("u").append(i).append(",Zo\u00eb M\u00fcller\n");
        }
        byte[] bad = {'x', ',', (byte) 0xC3, '(', '\n', 'y', ',', (byte) 0xE2, (byte) 0x82};
        try (CsvFile csv = CsvFile.open(write(concat(text.toString().getBytes(StandardCharsets.UTF_8), bad)))) {
            List<CsvRow> marked = rows(csv).stream().filter(r -> r.defect() != null).toList();
            assertEquals(List.of(20_002L, 20_003L), marked.stream().map(CsvRow::line).toList(),
                    "a bad byte mid-file and a multi-byte sequence cut off at the end of the file");
        }
    }

    @Test
    void bytesThatAreNeitherUtf8NorWindows1252InTheHeaderStopTheFile() throws IOException {
        byte[] header = "sourcedId,n\u0081me\nu1,ok\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> CsvFile.open(write(header)).close());
        assertEquals(RowDefect.INVALID_UTF8, e.defect());
        assertEquals(1, e.line());
    }

    @Test
    void anUnclosedQuoteRunningOnPastTheLineLimitStopsTheFileWithBoundedMemory() throws IOException {
        StringBuilder text = new StringBuilder("sourcedId,name\nu1,ok\nu2,\"never closed\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("u").append(i).append(",filler text\n");
        }
        try (CsvFile csv = CsvFile.open(write(text.toString().getBytes(StandardCharsets.UTF_8)))) {
            List<CsvRow> seen = new ArrayList<>();
            CsvFormatException e = assertThrows(CsvFormatException.class, () -> csv.forEach(seen::add));
            assertEquals(RowDefect.UNCLOSED_QUOTE, e.defect());
            assertEquals(3, e.line(), "the line where the runaway row starts");
            assertTrue(e.getMessage().contains("not read past line 2"), e.getMessage());
            assertEquals(1, seen.size(), "the rows before the runaway field are read");
        }
    }

    @Test
    void anUnclosedQuoteSwallowingLinesToTheEndOfTheFileStopsIt() throws IOException {
        try (CsvFile csv = CsvFile.open(write("sourcedId,name\nu1,\"open\nu2,x\n".getBytes(StandardCharsets.UTF_8)))) {
            CsvFormatException e = assertThrows(CsvFormatException.class, () -> csv.forEach(r -> { }));
            assertEquals(RowDefect.UNCLOSED_QUOTE, e.defect());
            assertEquals(2, e.line());
        }
    }

    @Test
    void aSinglePhysicalLineOverTheLimitIsARowDefectAndTheNextRowIsRead() throws IOException {
        String huge = "x".repeat(RowReader.MAX_RECORD_CHARS + 10);
        Path file = write(("sourcedId,name\nu1,ok\nu2," + huge + "\r\nu3,ok\n").getBytes(StandardCharsets.UTF_8));
        try (CsvFile csv = CsvFile.open(file)) {
            List<CsvRow> rows = rows(csv);
            assertEquals(List.of(2L, 3L, 4L), rows.stream().map(CsvRow::line).toList());
            assertEquals(RowDefect.LINE_TOO_LONG, rows.get(1).defect());
            assertArrayEquals(new String[]{"u2"}, rows.get(1).values(), "only the fields whole before the limit");
            assertArrayEquals(new String[]{"u3", "ok"}, rows.get(2).values());
        }
    }

    @Test
    void aStrayCharacterAfterAClosingQuoteCostsOnlyItsRow() throws IOException {
        Path file = write("sourcedId,name\nu1,\"Smith\" Jr\nu2,\"Lee, \"\"Al\"\"\"\n".getBytes(StandardCharsets.UTF_8));
        try (CsvFile csv = CsvFile.open(file)) {
            List<CsvRow> rows = rows(csv);
            assertEquals(RowDefect.STRAY_QUOTE, rows.get(0).defect());
            assertEquals(2, rows.get(0).line());
            assertArrayEquals(new String[]{"u1"}, rows.get(0).values(), "the fields before the broken one name the record");
            assertNull(rows.get(1).defect());
            assertArrayEquals(new String[]{"u2", "Lee, \"Al\""}, rows.get(1).values());
        }
    }

    @Test
    void anUnclosedQuoteOnTheLastLineCostsOnlyThatRow() throws IOException {
        try (CsvFile csv = CsvFile.open(write("sourcedId,name\nu1,ok\nu2,\"open".getBytes(StandardCharsets.UTF_8)))) {
            List<CsvRow> rows = rows(csv);
            assertEquals(2, rows.size());
            assertEquals(RowDefect.UNCLOSED_QUOTE, rows.get(1).defect());
            assertEquals(3, rows.get(1).line());
            assertArrayEquals(new String[]{"u2"}, rows.get(1).values());
        }
    }

    @Test
    void crOnlyCrlfBlankLinesAndQuotedLineBreaksKeepExactLineNumbers() throws IOException {
        String text = "sourcedId,note\ru1,a\r\n\r\nu2,\"x\r\ny\rz\"\nu3,\"q\"\r\ru4,b";
        try (CsvFile csv = CsvFile.open(write(text.getBytes(StandardCharsets.UTF_8)))) {
            List<CsvRow> rows = rows(csv);
            assertEquals(List.of(2L, 3L, 4L, 7L, 8L, 9L), rows.stream().map(CsvRow::line).toList());
            assertArrayEquals(new String[]{""}, rows.get(1).values(), "a blank line is a row of its own");
            assertArrayEquals(new String[]{"u2", "x\r\ny\rz"}, rows.get(2).values());
            assertArrayEquals(new String[]{"u4", "b"}, rows.get(5).values());
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
