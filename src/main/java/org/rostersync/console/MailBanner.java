package org.rostersync.console;

import jakarta.inject.Singleton;
import org.rostersync.notify.NotificationService;
import org.rostersync.operator.Operator;

import java.util.List;

/**
 * The banner every console page shows while no mail server is configured: until one is, no run email, held-run alert or
 * vendor report reaches anybody, and nothing else would say so.
 */
@Singleton
class MailBanner {

    private final NotificationService notifications;

    MailBanner(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** What every page shows the operator: nothing once a mail server is configured. */
    List<String> banners(Operator operator) {
        if (notifications.mailServerConfigured()) {
            return List.of();
        }
        String what = "No mail server is configured: no email reaches anybody, not the run emails, not the alerts of held or"
                + " failed runs, not the vendor reports (each is recorded as failing, and retried).";
        return List.of(operator.isAdmin()
                ? what + " Set ROSTERSYNC_MAIL_HOST (with ROSTERSYNC_MAIL_PORT, ROSTERSYNC_MAIL_TLS, ROSTERSYNC_MAIL_FROM and"
                + " ROSTERSYNC_PUBLIC_URL) and restart rostersync: the administrator guide's Configuration says each."
                : what + " Ask the administrator of rostersync to set ROSTERSYNC_MAIL_HOST (see the administrator guide's"
                + " Configuration).");
    }
}
