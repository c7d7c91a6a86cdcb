package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.rostersync.notify.NotificationService;
import org.rostersync.notify.SentEmail;
import org.rostersync.tenant.Notifications;

import java.util.List;
import java.util.UUID;

/**
 * Where notifications are silently off, said so that an operator sees it: a source nobody hears of (no recipients,
 * or notifications off), and a held or failed run whose end reached nobody.
 */
@Singleton
class Silences {

    private final NotificationService notifications;

    Silences(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** Why nobody hears of the source's runs; null when somebody does. */
    @Nullable
    String ofSource(UUID sourceId) {
        Notifications n = notifications.settings(sourceId).orElse(Notifications.NONE);
        if (n.recipients().isEmpty()) {
            return "Nobody hears of this source's runs: it has no notification recipients, so a held or failed run waits"
                    + " unseen.";
        }
        if (!n.enabled()) {
            return "Nobody hears of this source's runs: its notifications are off, so a held or failed run waits unseen.";
        }
        return null;
    }

    /**
     * Why a held or failed run's end reached nobody, from the emails that announced it (newest first); null when one
     * was sent.
     *
     * @param sourceSilence what {@link #ofSource} says of its source
     */
    @Nullable
    String ofRun(List<SentEmail> announcements, @Nullable String sourceSilence) {
        if (announcements.stream().anyMatch(e -> "sent".equals(e.status()))) {
            return null;
        }
        if (announcements.isEmpty()) {
            return sourceSilence != null ? "Nobody was told of this run: the source has no recipients, or its notifications are off."
                    : "Nobody was told of this run yet: its email is about to be queued.";
        }
        SentEmail last = announcements.get(0);
        if ("failed".equals(last.status())) {
            return "Nobody was told of this run: its email failed" + (last.lastError() == null ? "." : " (" + last.lastError() + ").");
        }
        return "Nobody was told of this run yet: its email waits to be sent" + (notifications.mailServerConfigured() ? "."
                : ", and no mail server is configured.");
    }
}
