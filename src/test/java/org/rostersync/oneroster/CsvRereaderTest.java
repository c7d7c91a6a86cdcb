package org.rostersync.oneroster;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every row a file's reading yields can be read again, alone, at its offset: the same line, fields and defect, whatever
 * the line breaks, quoting, BOM, multi-byte or undecodable characters, and wherever the reader's chunks end.
 */
class CsvRereaderTest {

    @Property(tries = 400)
    void aRowReadAgainAtItsOffsetIsTheRowFirstRead(@ForAll("pieces") List<String> pieces, @ForAll boolean bom) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (bom) {
            bytes.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        bytes.write("sourcedId,name\n".getBytes(StandardCharsets.UTF_8));
        for (String piece : pieces) {
            if (piece.equals("<bad>")) {
                bytes.write(new byte[]{(byte) 0xC3, (byte) 0x28}); // not UTF-8
            } else {
                bytes.write(piece.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEveryRowReadsAgain(bytes.toByteArray());
    }

    @Provide
    Arbitrary<List<String>> pieces() {
        Arbitrary<String> piece = Arbitraries.of("a", "bb", "é", "字", "😀", ",", "\"", "\"\"", "\r", "\n", "\r\n", " ", "<bad>",
                "x".repeat(700), "ü".repeat(300));
        return piece.list().ofMaxSize(400);
    }

    @Test
    void rowsAcrossTheReadersChunksReadAgainAtTheirOffsets() throws IOException {
        assertEveryRowReadsAgain(names(20_000, "Nguyễn 😀").getBytes(StandardCharsets.UTF_8));
    }

    /** Rows of names, some quoted over two lines, with CRLF and LF line breaks in turn. */
    private static String names(int rows, String someFamilyName) {
        StringBuilder text = new StringBuilder("sourcedId,givenName,familyName\r\n");
        for (int i = 0; i < rows; i++) {
            text.append("u").append(i).append(",").append(i % 7 == 0 ? "\"Zoë\r\nLine\"" : "Ann").append(",")
                    .append(i % 3 == 0 ? someFamilyName : "Lee").append(i % 2 == 0 ? "\r\n" : "\n");
        }
        return text.toString();
    }

    @Test
    void rowsOfWindows1252AndUtf16FilesReadAgainAsTheFirstTime() throws IOException {
        String text = names(5_000, "Müller");
        String latin = text.replace("u4000,", "u4000,Ren\u00e9e");
        assertEveryRowReadsAgain(latin.replace("Zoë", "Zoe").replace("Müller", "Muller")
                .getBytes(java.nio.charset.Charset.forName("windows-1252"))); // the first non-ASCII byte far into the file
        assertEveryRowReadsAgain(text.getBytes(java.nio.charset.Charset.forName("windows-1252")));
        byte[] utf16 = (text + "u9,\ud83d\ude00,x\r\n").getBytes(StandardCharsets.UTF_16LE);
        byte[] marked = new byte[utf16.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, marked, 2, utf16.length);
        assertEveryRowReadsAgain(marked);
        assertEveryRowReadsAgain((text + "u9,\ud83d\ude00,x\r\n").getBytes(StandardCharsets.UTF_16BE));
    }

    @Test
    void anOffsetWhereNoRowStartsIsAnError() throws IOException {
        Path file = Files.createTempFile("rereader", ".csv");
        try {
            Files.writeString(file, "sourcedId\nu1\n");
            try (CsvRereader again = CsvRereader.open(file)) {
                assertThrows(IOException.class, () -> again.rowAt(13, 3));
            }
        } finally {
            Files.delete(file);
        }
    }

    private static void assertEveryRowReadsAgain(byte[] content) throws IOException {
        Path file = Files.createTempFile("rereader", ".csv");
        try {
            Files.write(file, content);
            List<CsvRow> rows = new ArrayList<>();
            Encoding encoding = Encoding.UTF_8;
            try (CsvFile csv = CsvFile.open(file)) {
                try {
                    csv.forEach(rows::add);
                } finally {
                    encoding = csv.encoding();
                }
            } catch (CsvFormatException e) {
                // a quote that swallows the rest: the rows before it still count
            }
            try (CsvRereader again = CsvRereader.open(file, encoding)) {
                for (CsvRow row : rows) {
                    CsvRow reread = again.rowAt(row.offset(), row.line());
                    assertEquals(row.line(), reread.line());
                    assertEquals(row.offset(), reread.offset());
                    assertEquals(row.defect(), reread.defect(), () -> "line " + row.line());
                    assertArrayEquals(row.values(), reread.values(), () -> "line " + row.line() + ": " + Arrays.toString(row.values()));
                }
            }
        } finally {
            Files.delete(file);
        }
    }
}
