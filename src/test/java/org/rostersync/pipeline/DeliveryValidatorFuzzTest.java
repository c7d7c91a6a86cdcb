package org.rostersync.pipeline;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.rostersync.intake.inbox.LocalDelivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arbitrary bytes in a delivery produce issues, never an exception: the reader and checks are total. */
class DeliveryValidatorFuzzTest {

    private static final String USERS_HEADER = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
            + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n";

    @Property(tries = 300)
    void arbitraryBytesAfterAValidHeaderNeverThrow(@ForAll("bytes") byte[] body) throws IOException {
        validate(concat(USERS_HEADER.getBytes(StandardCharsets.UTF_8), body));
    }

    @Property(tries = 200)
    void arbitraryBytesAsAWholeFileNeverThrow(@ForAll("bytes") byte[] file) throws IOException {
        validate(file);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<Byte> csvish = Arbitraries.of((byte) ',', (byte) '"', (byte) '\n', (byte) '\r', (byte) '{', (byte) '}',
                (byte) ':', (byte) 'a', (byte) '1', (byte) '-', (byte) 0, (byte) 0xC3, (byte) 0xFF, (byte) 0xEF, (byte) 0xBB);
        return Arbitraries.oneOf(Arbitraries.bytes(), csvish).array(byte[].class).ofMaxSize(3000);
    }

    private static void validate(byte[] users) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        try {
            Files.write(dir.resolve("users.csv"), users);
            Files.writeString(dir.resolve("orgs.csv"), "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
                    + "o1,,,One,school,,\n");
            ValidationReport report = DeliveryValidator.validate(LocalDelivery.open(dir, dir.resolve("zip"), DeliveryValidator.ZIP_ENTRIES));
            // Whatever the bytes, the report is coherent: both files read, every issue explained, counts adding up.
            assertEquals(List.of("orgs.csv", "users.csv"), report.files().stream().map(f -> f.name()).toList());
            for (var f : report.files()) {
                assertTrue(f.skipped() >= 0 && f.skipped() <= f.rows(), f.toString());
            }
            for (var issue : report.issues()) {
                assertNotNull(issue.code());
                assertTrue(issue.message() != null && !issue.message().isBlank(), issue.toString());
                assertTrue(issue.line() == null || issue.line() >= 1, issue.toString());
            }
            long listedProblems = report.issues().stream().filter(i -> i.outcome() != org.rostersync.report.Outcome.warning).count();
            assertEquals(listedProblems > 0, report.hasErrors() || report.count(org.rostersync.report.Outcome.fatal) > 0);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
