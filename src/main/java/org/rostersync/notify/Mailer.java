package org.rostersync.notify;

import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.rostersync.config.MailConfig;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/** Hands one email to the configured SMTP server (Angus Mail), with bounded waits, as the configuration asks for TLS. */
@Singleton
class Mailer {

    private final MailConfig config;
    private final Session session;

    Mailer(MailConfig config) {
        this.config = config;
        this.session = Session.getInstance(properties(config));
    }

    private static Properties properties(MailConfig config) {
        Properties p = new Properties();
        String millis = String.valueOf(config.timeoutSeconds() * 1000L);
        p.put("mail.transport.protocol", "smtp");
        if (config.host() != null) {
            p.put("mail.smtp.host", config.host());
        }
        p.put("mail.smtp.port", String.valueOf(config.port()));
        p.put("mail.smtp.connectiontimeout", millis);
        p.put("mail.smtp.timeout", millis);
        p.put("mail.smtp.writetimeout", millis);
        p.put("mail.smtp.auth", String.valueOf(config.username() != null));
        switch (config.tls()) {
            case "starttls" -> {
                // required, not opportunistic: a server that cannot upgrade gets no credentials and no roster details
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case "implicit" -> p.put("mail.smtp.ssl.enable", "true");
            default -> {
            }
        }
        if (config.sslTrust() != null) {
            // the operator vouches for these hosts' certificates, whatever their chain and names say
            p.put("mail.smtp.ssl.trust", config.sslTrust().replace(',', ' '));
            p.put("mail.smtp.ssl.checkserveridentity", "false");
        } else if (!config.tls().equals("none")) {
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    /** @throws MessagingException when the server cannot be reached or refuses the email; the message says which */
    void send(Email email) throws MessagingException {
        send(email, null);
    }

    /**
     * Sends the email with the file attached as its attachment's name says (null: none), streamed from disk.
     *
     * @throws MessagingException when the server cannot be reached or refuses the email; the message says which
     */
    void send(Email email, java.nio.file.Path attached) throws MessagingException {
        if (config.host() == null) {
            throw new MessagingException("no SMTP server is configured (set ROSTERSYNC_MAIL_HOST)");
        }
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(config.from()));
        InternetAddress[] to = new InternetAddress[email.recipients().size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(email.recipients().get(i));
        }
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        if (attached == null || email.attachment() == null) {
            message.setText(email.body(), StandardCharsets.UTF_8.name());
        } else {
            jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
            text.setText(email.body(), StandardCharsets.UTF_8.name());
            jakarta.mail.internet.MimeBodyPart csv = new jakarta.mail.internet.MimeBodyPart();
            csv.setDataHandler(new jakarta.activation.DataHandler(new jakarta.activation.FileDataSource(attached.toFile()) {
                @Override
                public String getContentType() {
                    return "text/csv; charset=utf-8";
                }
            }));
            csv.setFileName(email.attachment().name());
            csv.setDisposition(jakarta.mail.Part.ATTACHMENT);
            message.setContent(new jakarta.mail.internet.MimeMultipart(text, csv));
        }
        message.setSentDate(new Date());
        // RFC 3834: machine-written, so that out-of-office replies do not answer it
        message.setHeader("Auto-Submitted", "auto-generated");
        if (email.urgent()) {
            message.setHeader("X-Priority", "1");
            message.setHeader("Importance", "high");
        }
        if (config.username() != null) {
            Transport.send(message, config.username(), config.password() == null ? "" : config.password());
        } else {
            Transport.send(message);
        }
    }
}
