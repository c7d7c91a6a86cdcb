package org.rostersync.oneroster;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written reader splits text exactly as Commons CSV does wherever Commons CSV can read it, and where Commons
 * CSV gives up, the reader marks a row or stops with a reason instead.
 */
class RowReaderAgreesWithCommonsCsvTest {

    @Property(tries = 5000)
    void splitsTextLikeCommonsCsvAndMarksWhatCommonsCsvCannotRead(@ForAll("csvText") String text) throws IOException {
        List<List<String>> expected = new ArrayList<>();
        boolean commonsFailed = false;
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                expected.add(record.toList());
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            commonsFailed = true;
        }
        List<List<String>> actual = new ArrayList<>();
        boolean marked = false;
        try (RowReader reader = new RowReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                marked |= row.defect() != null;
                actual.add(Arrays.asList(row.values()));
            }
        } catch (RowReader.UnreadableException e) {
            marked = true;
        }
        if (commonsFailed) {
            assertTrue(marked, "Commons CSV cannot read " + show(text) + " but the reader marked nothing: " + actual);
        } else {
            assertEquals(false, marked, show(text));
            assertEquals(expected, actual, show(text));
        }
    }

    @Provide
    Arbitrary<String> csvText() {
        return Arbitraries.strings().withChars('a', 'é', ' ', '\t', '\u000B', ',', '"', '\r', '\n').ofMaxLength(30);
    }

    private static String show(String text) {
        return "'" + text.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }
}
