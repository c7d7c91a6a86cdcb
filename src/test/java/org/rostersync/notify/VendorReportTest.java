package org.rostersync.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of a run's issues for the source's vendor contacts, through a real SMTP server (GreenMail). */
class VendorReportTest {

    private static final GreenMail SMTP = new GreenMail(new ServerSetup(NotificationsTest.freePort(), "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP));
    private static final RunningApp.App APP;

    static {
        SMTP.start();
        APP = RunningApp.startWith(Map.of("rostersync.mail.host", "127.0.0.1", "rostersync.mail.port", SMTP.getSmtp().getPort(),
                "rostersync.mail.tls", "none", "rostersync.mail.from", "rostersync@operator.test",
                "rostersync.mail.poll-millis", 100));
    }

    @AfterAll
    static void close() {
        APP.close();
        SMTP.stop();
    }

    @Test
    void theVendorContactsGetTheGroupsWithTheirFixesAndEveryAffectedRowAsCsvNotTheRecipients() throws Exception {
        String vendor = NotificationsTest.domain();
        String operators = NotificationsTest.domain();
        Fixture f = Fixture.create(APP, "Reported district");
        NotificationsTest.settings(f, "{\"recipients\":\"ops@" + operators + "\",\"send\":\"held_or_failed\"}");
        f.deliver(Path.of("samples", "oneroster-1.1", "broken"));
        Map<String, Object> run = f.run();
        assertEquals("succeeded_with_issues", run.get("status"));

        RunningApp.Response none = APP.adminPost("/api/runs/" + run.get("id") + "/vendor-report", null);
        assertEquals(409, none.status(), "no vendor contacts yet: " + none);
        assertTrue(none.map().get("message").toString().contains("no vendor contacts"), none.toString());

        assertEquals(200, APP.adminPut("/api/sources/" + f.sourceId() + "/vendor-contacts", "{\"contacts\":[{\"name\":\"Aeries"
                + " support\",\"email\":\"support@" + vendor + "\"},{\"email\":\"sis@" + vendor + "\"}]}").status());
        RunningApp.Response queued = APP.adminPost("/api/runs/" + run.get("id") + "/vendor-report", null);
        assertEquals(202, queued.status(), queued.toString());
        assertEquals("vendor_report", queued.map().get("kind"));

        List<MimeMessage> got = NotificationsTest.awaitMessages(SMTP, vendor, 2);
        MimeMessage m = got.get(0);
        assertEquals("support@" + vendor + ", sis@" + vendor, m.getHeader("To", ", "), "one email, to both contacts");
        assertTrue(m.getSubject().startsWith("[rostersync] Data to fix in the delivery of Reported district SIS (Reported district): "),
                m.getSubject());
        Multipart parts = (Multipart) m.getContent();
        assertEquals(2, parts.getCount());
        String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
        BodyPart csv = parts.getBodyPart(1);
        assertEquals(Part.ATTACHMENT, csv.getDisposition());
        assertEquals("run-" + run.get("id") + "-issues.csv", csv.getFileName());

        assertTrue(text.contains("Tenant: Reported district\nSource: Reported district SIS\nDelivery:\n  manifest.csv, received "), text);
        assertTrue(text.contains("  users.csv, received "), text);
        assertTrue(text.contains("Read: ") && text.contains("(run " + run.get("id") + ", succeeded with issues)"), text);
        Map<String, Object> summary = APP.adminGet("/api/runs/" + run.get("id") + "/summary").map();
        for (Object o : (List<?>) summary.get("groups")) {
            Map<?, ?> g = (Map<?, ?>) o;
            assertTrue(text.contains(": " + g.get("code") + "\n  What it means: " + g.get("explanation") + "\n  Fix at the SIS: "
                    + g.get("fix") + "\n"), "every group with its fix: " + g.get("code") + "\n" + text);
        }
        assertTrue(!text.contains("/console/"), "a vendor has no login: no links into the console");
        assertTrue(text.contains("vendor contacts of Reported district SIS: Aeries support <support@" + vendor + ">, sis@" + vendor), text);

        // the attachment, row by row, is the run's issues
        List<Map<String, Object>> issues = ((List<?>) APP.adminGet("/api/runs/" + run.get("id") + "/issues?limit=10000").map()
                .get("issues")).stream().map(NotificationsTest::cast).toList();
        List<CSVRecord> rows;
        try (InputStream in = csv.getInputStream();
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                     .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            assertEquals(List.of("file", "line", "sourcedId", "column", "code", "outcome", "message", "value"), parser.getHeaderNames());
            rows = new ArrayList<>(parser.getRecords());
        }
        assertEquals(issues.size(), rows.size(), "one row per issue");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> issue = issues.get(i);
            CSVRecord row = rows.get(i);
            for (String column : List.of("file", "line", "sourcedId", "column", "code", "outcome", "message", "value")) {
                String expected = issue.get(column) == null ? "" : String.valueOf(issue.get(column));
                assertEquals(expected, row.get(column), "row " + (i + 1) + ", " + column);
            }
        }
        assertEquals(0, SMTP.getReceivedMessagesForDomain(operators).length, "the operators' recipients are not sent the report");
        List<Map<String, Object>> outbox = APP.adminGet("/api/sources/" + f.sourceId() + "/emails").list();
        assertEquals(List.of("vendor_report"), outbox.stream().map(e -> e.get("kind")).toList());
    }

    @Test
    void withSendAutomaticallyEveryRunWithIssuesInTheDataIsReportedOnceAndACleanOneIsNot() throws Exception {
        String vendor = NotificationsTest.domain();
        Fixture f = Fixture.create(APP, "Auto reported district");
        assertEquals(200, APP.adminPut("/api/sources/" + f.sourceId() + "/vendor-contacts", "{\"contacts\":[{\"email\":\"sis@"
                + vendor + "\"}],\"sendAutomatically\":true}").status());
        f.deliver(Fixture.SAMPLE);
        Map<String, Object> clean = f.run();
        assertEquals("succeeded", clean.get("status"));
        f.deliver(Path.of("samples", "oneroster-1.1", "broken"));
        Map<String, Object> broken = f.withoutSafeguards().run();
        assertEquals("succeeded_with_issues", broken.get("status"));

        MimeMessage m = NotificationsTest.awaitMessages(SMTP, vendor, 1).get(0);
        assertTrue(m.getSubject().contains("Auto reported district SIS"), m.getSubject());
        NotifierLooks.lookAgain(APP.context()); // looks more, each to its end: nothing else is queued
        List<Map<String, Object>> outbox = APP.adminGet("/api/sources/" + f.sourceId() + "/emails").list();
        assertEquals(1, outbox.size(), "one report, of the run with issues: " + outbox);
        assertEquals(broken.get("id"), outbox.get(0).get("runId"));
        assertNull(outbox.stream().filter(e -> Objects.equals(clean.get("id"), e.get("runId"))).findFirst().orElse(null));
    }
}
