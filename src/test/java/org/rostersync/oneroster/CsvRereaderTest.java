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
        StringBuilder text = new StringBuilder("sourcedId,givenName,familyName\r\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("u").append(i).append(",").append(i % 7 == 0 ? "\"Zoë\r\nLine\"" : "Ann").append(",")
                    .append(i % 3 == 0 ? "Nguyễn 😀" : "Lee").append(i % 2 == 0 ? "\r\n" : "\n");
        }
        assertEveryRowReadsAgain(text.toString().getBytes(StandardCharsets.UTF_8));
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
            try (CsvFile csv = CsvFile.open(file)) {
                csv.forEach(rows::add);
            } catch (CsvFormatException e) {
                // a quote that swallows the rest: the rows before it still count
            }
            try (CsvRereader again = CsvRereader.open(file)) {
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
