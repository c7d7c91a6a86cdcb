import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The floor for validate: Commons CSV alone reading every CSV of a folder, touching each field, nothing checked.
 * Run by validate_bench.sh (compiled first, against target/rostersync.jar).
 */
public class BareParse {
    public static void main(String[] args) throws Exception {
        long rows = 0;
        long chars = 0;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                     CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                    for (CSVRecord r : parser) {
                        rows++;
                        for (String v : r) {
                            chars += v.length();
                        }
                    }
                }
            }
        }
        System.out.println(rows + " rows, " + chars + " chars");
    }
}
