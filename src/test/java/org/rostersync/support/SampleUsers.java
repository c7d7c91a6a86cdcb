package org.rostersync.support;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** The users of the sample delivery, read independently of the application's own reader. */
public final class SampleUsers {

    private SampleUsers() {
    }

    public static List<CSVRecord> read() {
        try (Reader in = Files.newBufferedReader(Fixture.SAMPLE.resolve("users.csv"), StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
