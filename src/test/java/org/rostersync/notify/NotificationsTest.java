package org.rostersync.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Emails about runs, through a real SMTP server (GreenMail) in the test JVM. */
public class NotificationsTest {

    private static final GreenMail SMTP = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static final RunningApp.App APP;

    static {
        SMTP.start();
        APP = RunningApp.startWith(Map.of("rostersync.mail.host", "127.0.0.1", "rostersync.mail.port", SMTP.getSmtp().getPort(),
                "rostersync.mail.tls", "none", "rostersync.mail.from", "rostersync@operator.test",
                "rostersync.mail.public-url", "https://rostersync.operator.test/", "rostersync.mail.poll-millis", 100));
    }

    @AfterAll
    static void close() {
        APP.close();
        SMTP.stop();
    }

    static final String MANIFEST = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,bulk\n";
    private static final String ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\ns1,,,School One,school,,\n";

    /** A manifest, one school and its {@code users} students. */
    public static void deliverSchool(Fixture f, int users) {
        f.deliver("manifest.csv", MANIFEST);
        f.deliver("orgs.csv", ORGS);
        f.deliver("users.csv", users(users));
    }

    public static String users(int count) {
        StringBuilder out = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
                + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n");
        for (int i = 0; i < count; i++) {
            out.append("u").append(i).append(",,,true,s1,student,u").append(i).append(",,Ann,Lee,,,,,,,,\n");
        }
        return out.toString();
    }

    @Test
    void afterEveryRunEachRecipientGetsTheSummaryWithTheCountsOfEachFileAndALinkToTheRun() throws Exception {
        String domain = domain();
        Fixture f = Fixture.create(APP, "Riverside USD");
        assertEquals(200, settings(f, "{\"recipients\":\"ops@" + domain + ", data@" + domain + "\",\"send\":\"every_run\"}").status());
        f.deliver(Fixture.SAMPLE);
        Map<String, Object> run = f.run();
        assertEquals("succeeded", run.get("status"));

        List<MimeMessage> got = await(domain, 2);
        MimeMessage m = got.get(0);
        assertEquals("ops@" + domain + ", data@" + domain, m.getHeader("To", ", "), "one email, to both recipients");
        assertEquals("rostersync@operator.test", m.getFrom()[0].toString());
        assertTrue(m.getSubject().startsWith("[rostersync] Riverside USD / Riverside USD SIS: run succeeded, "), m.getSubject());
        String body = body(m);
        for (String file : List.of("users.csv", "orgs.csv", "enrollments.csv")) {
            Map<String, Object> counts = file(run, file);
            assertTrue(body.contains(file + " (bulk): " + counts.get("rows") + " read, " + counts.get("inserted") + " inserted, "
                    + counts.get("updated") + " updated, " + counts.get("unchanged") + " unchanged"), body);
        }
        assertTrue(body.contains("The run: https://rostersync.operator.test/console/runs/" + run.get("id")), body);
        assertTrue(body.contains("Trigger: manual"), body);

        List<Map<String, Object>> emails = APP.adminGet("/api/sources/" + f.sourceId() + "/emails").list();
        assertEquals(1, emails.size(), emails.toString());
        assertEquals("sent", emails.get(0).get("status"));
        assertEquals(1, ((Number) emails.get(0).get("attempts")).intValue());
        assertEquals(run.get("id"), emails.get(0).get("runId"));
        assertEquals(m.getSubject(), emails.get(0).get("subject"));
    }

    @Test
    void withIssuesOnlyACleanRunIsNotAnnouncedAndOneWithIssuesOpensWithItsSummaryGroupedByCodeAndFile() throws Exception {
        String domain = domain();
        Fixture clean = Fixture.create(APP, "Clean");
        settings(clean, "{\"recipients\":\"ops@" + domain + "\",\"send\":\"issues\"}");
        clean.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", clean.run().get("status"));

        Fixture broken = Fixture.create(APP, "Broken");
        settings(broken, "{\"recipients\":\"ops@" + domain + "\",\"send\":\"issues\"}");
        broken.deliver(Path.of("samples", "oneroster-1.1", "broken"));
        Map<String, Object> run = broken.run();
        assertEquals("succeeded_with_issues", run.get("status"));

        List<MimeMessage> got = await(domain, 1);
        assertTrue(got.get(0).getSubject().contains("Broken / Broken SIS: run succeeded with "), got.get(0).getSubject());
        String body = body(got.get(0));
        Map<String, Object> summary = APP.adminGet("/api/runs/" + run.get("id") + "/summary").map();
        List<Map<String, Object>> groups = ((List<?>) summary.get("groups")).stream().map(NotificationsTest::cast).toList();
        assertTrue(groups.size() > 1, "the broken sample has issues of several kinds: " + summary);
        String opening = body.substring(0, body.indexOf("\nRun: "));
        assertTrue(opening.startsWith("The run of Broken SIS (Broken) succeeded with issues: the records with errors were kept,"
                + " the skipped ones were not imported.\n\nSummary: " + String.format(java.util.Locale.ROOT, "%,d",
                ((Number) summary.get("total")).longValue()) + " issues: "), "the summary opens the email: " + body);
        int at = 0;
        for (Map<String, Object> g : groups) {
            String heading = "\n" + g.get("count") + " " + g.get("outcome") + ", " + (g.get("file") == null ? "the delivery" : g.get("file"))
                    + ": " + g.get("code") + "\n  What it means: " + g.get("explanation") + "\n  Fix at the SIS: " + g.get("fix") + "\n";
            int found = opening.indexOf(heading, at);
            assertTrue(found >= at, "group " + g.get("code") + " in " + g.get("file") + ", in the summary's order: " + opening);
            at = found + heading.length();
            Map<String, Object> first = cast(((List<?>) g.get("examples")).get(0));
            assertTrue(opening.startsWith("  - " + (first.get("line") == null ? "" : "line " + first.get("line")), at),
                    "its first example follows: " + opening.substring(at));
        }
        assertTrue(opening.contains("  All of them: https://rostersync.operator.test/console/runs/" + run.get("id") + "?file="), opening);
        assertEquals("skipped", groups.get(0).get("outcome"), "what cost records comes first: " + groups);
        APP.context().getBean(Notifier.class).announce(); // a look more, done to its end: the clean run is still not announced
        assertEquals(1, SMTP.getReceivedMessagesForDomain(domain).length);
        assertTrue(APP.adminGet("/api/sources/" + clean.sourceId() + "/emails").list().isEmpty());
    }

    @Test
    void aHeldRunIsAnnouncedAtOnceWithTheSafeguardsNumbersEvenWhenOnlyHeldOrFailedRunsAreWanted() throws Exception {
        String domain = domain();
        Fixture f = Fixture.create(APP, "Held");
        // no digest here (it has a test of its own): past 07:00 in New York, a digest claimed after the run was held
        // would be a second email
        settings(f, "{\"recipients\":\"ops@" + domain + "\",\"send\":\"held_or_failed\",\"heldDigest\":false}");
        deliverSchool(f, 20);
        assertEquals("succeeded", f.run().get("status"));
        f.deliver("users.csv", users(15));
        Map<String, Object> held = f.run();
        assertEquals("held", held.get("status"));

        MimeMessage m = await(domain, 1).get(0);
        assertEquals("[rostersync] Action needed: Held / Held SIS: run held: users.csv would delete 5 of 20 active records"
                + " (25.0%, limit 10%)", m.getSubject());
        assertEquals("1", m.getHeader("X-Priority")[0]);
        String body = body(m);
        assertTrue(body.contains("Held by the safeguards:\n  users.csv would delete 5 of 20 active records (25.0%, limit 10%)"), body);
        assertTrue(body.contains("on its page: https://rostersync.operator.test/console/runs/" + held.get("id") + "\n"), body);
        assertTrue(body.contains("POST https://rostersync.operator.test/api/runs/" + held.get("id") + "/approve"), body);
        assertTrue(body.contains("users.csv (bulk): 15 read, 0 inserted, 0 updated, 15 unchanged, 5 deleted"), body);
        assertEquals(1, APP.adminGet("/api/sources/" + f.sourceId() + "/emails").list().size(), "the first, clean run was not announced");
    }

    @Test
    void aFailedRunIsAnnouncedWithWhatWentWrong() throws Exception {
        String domain = domain();
        Fixture f = Fixture.create(APP, "Failing");
        settings(f, "{\"recipients\":\"ops@" + domain + "\"}");
        f.deliver("manifest.csv", MANIFEST); // lists users.csv and orgs.csv, which never came
        Map<String, Object> run = f.run();
        assertEquals("failed", run.get("status"));

        MimeMessage m = await(domain, 1).get(0);
        assertTrue(m.getSubject().startsWith("[rostersync] Action needed: Failing / Failing SIS: run failed: "), m.getSubject());
        String body = body(m);
        assertTrue(body.contains("failed: nothing was applied"), body);
        assertTrue(body.contains("Message: " + run.get("message")), body);
    }

    @Test
    void theDailyDigestListsTheRunsStillHeldOnceADay() throws Exception {
        String domain = domain();
        Fixture f = Fixture.create(APP, "Digest");
        deliverSchool(f, 20);
        assertEquals("succeeded", f.run().get("status"));
        f.deliver("users.csv", users(10));
        Map<String, Object> held = f.run();
        assertEquals("held", held.get("status"));
        APP.context().getBean(Notifier.class).announce(); // announced to nobody: the source had no recipients then

        // the digest time has passed today wherever the source is: the next look at the digests sends today's
        assertEquals(200, APP.adminPut("/api/sources/" + f.sourceId() + "/schedule", "{\"timeZone\":\"UTC\"}").status());
        settings(f, "{\"recipients\":\"ops@" + domain + "\",\"send\":\"held_or_failed\",\"digestTime\":\"00:00\"}");
        MimeMessage m = await(domain, 1).get(0);
        assertEquals("[rostersync] Action needed: Digest / Digest SIS: 1 run is held, waiting for a decision", m.getSubject());
        String body = body(m);
        assertTrue(body.contains("Run: " + held.get("id")), body);
        assertTrue(body.contains("Found: users.csv would delete 10 of 20 active records (50.0%, limit 10%)"), body);

        APP.context().getBean(Notifier.class).queueDigests(Instant.now()); // one more look at the digests, done to its end
        assertEquals(1, SMTP.getReceivedMessagesForDomain(domain).length, "one digest a day");
        List<Map<String, Object>> emails = APP.adminGet("/api/sources/" + f.sourceId() + "/emails").list();
        assertEquals(1, emails.size(), "one digest a day, none queued behind it: " + emails);
        assertEquals("digest", emails.get(0).get("kind"));
    }

    @Test
    void badSettingsAreRefusedNamingTheFieldAndChangeNothing() {
        Fixture f = Fixture.create(APP, "Checked");
        assertEquals(200, settings(f, "{\"recipients\":\"ops@district.test\"}").status());
        Map<String, String> bad = Map.of(
                "{\"recipients\":\"ops@district.test, not-an-address\"}", "recipients[1]",
                "{\"recipients\":\"ops@district.test,,data@district.test\"}", "recipients[1]",
                "{\"recipients\":\"Ops <ops@district.test>\"}", "recipients[0]",
                "{\"recipients\":\"ops@district.test\",\"send\":\"weekly\"}", "send",
                "{\"recipients\":\"ops@district.test\",\"digestTime\":\"7am\"}", "digestTime",
                "{\"recipients\":\"ops@district.test\",\"digestTime\":\"25:00\"}", "digestTime");
        bad.forEach((body, field) -> {
            RunningApp.Response r = settings(f, body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertEquals(field, r.map().get("field"), body + " -> " + r);
        });
        RunningApp.Response unknown = settings(f, "{\"recipients\":\"ops@district.test\",\"cc\":\"boss@district.test\"}");
        assertEquals(400, unknown.status(), unknown.toString());
        assertTrue(unknown.body().contains("cc"), unknown.toString());
        Map<String, Object> kept = APP.adminGet("/api/sources/" + f.sourceId() + "/notifications").map();
        assertEquals(Map.of("enabled", true, "recipients", "ops@district.test", "send", "every_run", "heldDigest", true,
                "digestTime", "07:00"), kept);
        assertEquals(404, APP.adminPut("/api/sources/" + UUID.randomUUID() + "/notifications", "{}").status());
    }

    @Test
    void aTestEmailReachesTheRecipientsOrIsRefusedWithoutAny() throws Exception {
        String domain = domain();
        Fixture f = Fixture.create(APP, "Tested");
        RunningApp.Response none = APP.adminPost("/api/sources/" + f.sourceId() + "/notifications/test", null);
        assertEquals(400, none.status(), none.toString());
        assertEquals("recipients", none.map().get("field"));
        settings(f, "{\"recipients\":\"ops@" + domain + "\"}");
        RunningApp.Response sent = APP.adminPost("/api/sources/" + f.sourceId() + "/notifications/test", null);
        assertEquals(200, sent.status(), sent.toString());
        assertEquals(true, sent.map().get("sent"));
        assertEquals("[rostersync] Test email for Tested SIS", await(domain, 1).get(0).getSubject());
    }

    // --- helpers

    public static RunningApp.Response settings(Fixture f, String json) {
        return f.app().adminPut("/api/sources/" + f.sourceId() + "/notifications", json);
    }

    public static String domain() {
        return UUID.randomUUID().toString().substring(0, 8) + ".district.test";
    }

    /** Waits for exactly {@code count} messages to the domain (one per recipient). */
    private static List<MimeMessage> await(String domain, int count) throws InterruptedException {
        return awaitMessages(SMTP, domain, count);
    }

    public static List<MimeMessage> awaitMessages(GreenMail smtp, String domain, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            MimeMessage[] got = smtp.getReceivedMessagesForDomain(domain);
            if (got.length >= count) {
                assertEquals(count, got.length, "no more than " + count);
                return Arrays.asList(got);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + count + " emails to " + domain + " within 30 s: "
                + smtp.getReceivedMessagesForDomain(domain).length);
    }

    /** The text as written: the SMTP transfer turns its line ends into CRLF. */
    static String body(MimeMessage m) {
        try {
            return ((String) m.getContent()).replace("\r\n", "\n");
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    static Map<String, Object> file(Map<String, Object> run, String name) {
        return ((List<?>) run.get("files")).stream().map(NotificationsTest::cast).filter(f -> name.equals(f.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + run));
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
