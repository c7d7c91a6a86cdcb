package org.rostersync.console;

import jakarta.inject.Singleton;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.operator.Operator;
import org.rostersync.notify.NotificationService;
import org.rostersync.report.FileCounts;
import org.rostersync.report.RunTotals;
import org.rostersync.report.Run;
import org.rostersync.report.RunStatus;
import org.rostersync.report.RunStore;
import org.rostersync.schedule.Schedules;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.Tenant;
import org.rostersync.tenant.TenantService;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every source the operator may see, with its last run, its next timed run and its last delivery: held and failed
 * runs first, as they are what an operator must act on.
 */
@Singleton
class Dashboard {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final TenantService tenants;
    private final RunStore runs;
    private final Schedules schedules;
    private final Inbox inbox;
    private final Silences silences;
    private final NotificationService notifications;
    private final RunTotals totals;

    Dashboard(TenantService tenants, RunStore runs, Schedules schedules, Inbox inbox, Silences silences,
              NotificationService notifications, RunTotals totals) {
        this.silences = silences;
        this.notifications = notifications;
        this.totals = totals;
        this.tenants = tenants;
        this.runs = runs;
        this.schedules = schedules;
        this.inbox = inbox;
    }

    DashboardPage page(Session session) {
        Operator operator = session.operator();
        List<DashboardPage.Row> rows = new ArrayList<>();
        for (Tenant tenant : tenants.tenants()) {
            if (!operator.sees(tenant.id())) {
                continue;
            }
            for (Source source : tenants.sources(tenant.id())) {
                rows.add(row(tenant, source));
            }
        }
        rows.sort(Comparator.comparing((DashboardPage.Row r) -> r.attention() == null ? 2 : r.attention().equals("held") ? 0 : 1)
                .thenComparing(DashboardPage.Row::tenant, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(DashboardPage.Row::source, String.CASE_INSENSITIVE_ORDER));
        int needAction = (int) rows.stream().filter(r -> r.attention() != null).count();
        rows = toldNobody(rows);
        int silent = (int) rows.stream().filter(r -> r.silence() != null).count();
        return new DashboardPage(Frame.of("Dashboard", session), rows, needAction, silent, day(rows, Instant.now()));
    }

    /** The last 24 hours of the sources' runs against the 24 hours before. */
    private DashboardPage.Day day(List<DashboardPage.Row> rows, Instant now) {
        List<UUID> sources = rows.stream().map(DashboardPage.Row::sourceId).toList();
        Instant dayAgo = now.minus(java.time.Duration.ofHours(24));
        return new DashboardPage.Day(totals.between(sources, dayAgo, now.plusSeconds(1)),
                totals.between(sources, dayAgo.minus(java.time.Duration.ofHours(24)), dayAgo));
    }

    /** The rows, each held or failed last run marked when its end reached nobody. */
    private List<DashboardPage.Row> toldNobody(List<DashboardPage.Row> rows) {
        List<UUID> waiting = rows.stream().filter(r -> r.attention() != null).map(r -> r.lastRun().id()).toList();
        java.util.Map<UUID, List<org.rostersync.notify.SentEmail>> told = notifications.announcements(waiting);
        return rows.stream().map(r -> r.attention() == null ? r
                : r.toldNobody(silences.ofRun(told.getOrDefault(r.lastRun().id(), List.of()), r.silence()))).toList();
    }

    private DashboardPage.Row row(Tenant tenant, Source source) {
        Optional<Schedule> schedule = schedules.schedule(source.id());
        ZoneId zone = schedule.map(Schedule::timeZone).orElse(ZoneId.of("UTC"));
        DashboardPage.LastRun last = runs.forSource(source.id(), 1).stream().findFirst().map(run -> lastRun(run, zone)).orElse(null);
        String next = null;
        if (schedule.isPresent() && schedule.get().enabled()) {
            next = schedules.upcoming(schedule.get(), 1).stream().findFirst().map(at -> when(at, zone)).orElse(null);
        }
        List<DashboardPage.Delivered> delivery = new ArrayList<>();
        long bytes = 0;
        Instant latest = null;
        for (DeliveryFile file : inbox.delivery(source.id())) {
            delivery.add(new DashboardPage.Delivered(file.name(), size(file.size()), when(file.receivedAt(), zone)));
            bytes += file.size();
            latest = latest == null || file.receivedAt().isAfter(latest) ? file.receivedAt() : latest;
        }
        String attention = last == null ? null
                : last.status().equals(RunStatus.held.name()) ? "held" : last.status().equals(RunStatus.failed.name()) ? "failed" : null;
        return new DashboardPage.Row(source.id(), tenant.name(), source.name(), last, next, delivery, size(bytes),
                latest == null ? null : when(latest, zone), attention, silences.ofSource(source.id()), null);
    }

    private static DashboardPage.LastRun lastRun(Run run, ZoneId zone) {
        long records = 0;
        long changed = 0;
        long skipped = 0;
        long errors = 0;
        long warnings = 0;
        for (FileCounts f : run.files()) {
            records += f.rows();
            changed += f.inserted() + f.updated() + f.deleted();
            skipped += f.skipped();
            errors += f.errors();
            warnings += f.warnings();
        }
        Instant at = run.finishedAt() != null ? run.finishedAt() : run.startedAt() != null ? run.startedAt() : run.createdAt();
        return new DashboardPage.LastRun(run.id(), run.status().name(), when(at, zone), records, changed, skipped, errors, warnings);
    }

    static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
