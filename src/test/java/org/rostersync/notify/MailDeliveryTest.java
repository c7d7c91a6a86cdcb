package org.rostersync.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rostersync.config.MailConfig;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How emails get to the SMTP server: over implicit TLS with a login, retried while the server is away, recorded as
 * failed after their last attempt, and never at the cost of a run.
 */
class MailDeliveryTest {

    private static final int PORT = NotificationsTest.freePort();
    private static final RunningApp.App APP = RunningApp.startWith(Map.of("rostersync.mail.host", "127.0.0.1",
            "rostersync.mail.port", PORT, "rostersync.mail.tls", "implicit", "rostersync.mail.ssl-trust", "127.0.0.1",
            "rostersync.mail.username", "mailer", "rostersync.mail.password", "mail-secret",
            "rostersync.mail.from", "rostersync@operator.test", "rostersync.mail.max-attempts", 2,
            "rostersync.mail.poll-millis", 100, "rostersync.mail.timeout-seconds", 5));

    @AfterAll
    static void close() {
        APP.close();
    }

    @Test
    void anSmtpServerThatIsAwayNeverFailsARunAndEachEmailIsRetriedUntilSentOrOutOfAttempts() throws Exception {
        String domain = NotificationsTest.domain();
        Fixture f = Fixture.create(APP, "Away");
        assertEquals(200, NotificationsTest.settings(f, "{\"recipients\":\"ops@" + domain + "\"}").status());
        f.deliver(Fixture.SAMPLE);
        assertEquals("succeeded", f.run().get("status"), "the mail server being away is not the run's business");

        Map<String, Object> first = awaitEmail(f, e -> ((Number) e.get("attempts")).intValue() == 1);
        assertEquals("pending", first.get("status"), first.toString());
        assertTrue(((String) first.get("lastError")).contains("127.0.0.1"), first.toString());
        assertTrue(Instant.parse((String) first.get("nextAttemptAt")).isAfter(Instant.now().plusSeconds(20)),
                "tried again in 30 s, not at once: " + first);
        dueNow();
        Map<String, Object> failed = awaitEmail(f, e -> "failed".equals(e.get("status")));
        assertEquals(2, ((Number) failed.get("attempts")).intValue(), "rostersync.mail.max-attempts");

        GreenMail smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        smtp.setUser("rostersync@operator.test", "mailer", "mail-secret");
        smtp.start();
        try {
            Map<String, Object> second = f.run();
            MimeMessage m = NotificationsTest.awaitMessages(smtp, domain, 1).get(0);
            assertTrue(m.getSubject().contains("run succeeded"), m.getSubject());
            Map<String, Object> sent = awaitEmail(f, e -> "sent".equals(e.get("status")));
            assertEquals(second.get("id"), sent.get("runId"));
            assertEquals(1, ((Number) sent.get("attempts")).intValue());
            List<Map<String, Object>> all = APP.adminGet("/api/sources/" + f.sourceId() + "/emails").list();
            assertEquals(List.of("sent", "failed"), all.stream().map(e -> e.get("status")).toList(), "the failed one stays recorded");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void starttlsIsRequiredSoAServerWithoutItGetsNeitherTheLoginNorTheEmail() throws Exception {
        GreenMail plain = new GreenMail(new ServerSetup(NotificationsTest.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        plain.start();
        try {
            Mailer mailer = new Mailer(config(plain.getSmtp().getPort(), "starttls", null));
            MessagingException e = assertThrows(MessagingException.class, () -> mailer.send(email()));
            assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
            assertEquals(0, plain.getReceivedMessages().length);
        } finally {
            plain.stop();
        }
    }

    @Test
    void anImplicitTlsServerWhoseCertificateIsNotTrustedIsRefused() throws Exception {
        GreenMail smtps = new GreenMail(new ServerSetup(NotificationsTest.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        smtps.start();
        try {
            MessagingException e = assertThrows(MessagingException.class,
                    () -> new Mailer(config(smtps.getSmtps().getPort(), "implicit", null)).send(email()));
            assertTrue(String.valueOf(e.getCause()).contains("SSL") || String.valueOf(e.getCause()).contains("certificat"),
                    String.valueOf(e.getCause()));
            assertEquals(0, smtps.getReceivedMessages().length);
            new Mailer(config(smtps.getSmtps().getPort(), "implicit", "127.0.0.1")).send(email());
            assertEquals(1, smtps.getReceivedMessages().length, "trusted by name, it is taken");
        } finally {
            smtps.stop();
        }
    }

    @Test
    void theWaitBetweenAttemptsDoublesFromHalfAMinuteUpToAnHour() {
        assertEquals(Duration.ofSeconds(30), EmailStore.retryAfter(1));
        assertEquals(Duration.ofSeconds(60), EmailStore.retryAfter(2));
        assertEquals(Duration.ofMinutes(32), EmailStore.retryAfter(7));
        assertEquals(Duration.ofHours(1), EmailStore.retryAfter(8));
        assertEquals(Duration.ofHours(1), EmailStore.retryAfter(50));
    }

    private static MailConfig config(int port, String tls, String trust) {
        return new MailConfig("127.0.0.1", port, tls, trust, null, null, "rostersync@operator.test", "http://localhost:8080", 5, 3, 100);
    }

    private static Email email() {
        return new Email(List.of("ops@" + NotificationsTest.domain()), "hello", "body", false);
    }

    private static void dueNow() throws Exception {
        try (Connection c = APP.context().getBean(DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE email SET next_attempt_at = now() WHERE status = 'pending'")) {
            ps.executeUpdate();
        }
    }

    private static Map<String, Object> awaitEmail(Fixture f, java.util.function.Predicate<Map<String, Object>> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        List<Map<String, Object>> emails = List.of();
        while (Instant.now().isBefore(deadline)) {
            emails = APP.adminGet("/api/sources/" + f.sourceId() + "/emails").list();
            if (!emails.isEmpty() && done.test(emails.get(0))) {
                return emails.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such email within 30 s: " + emails);
    }
}
