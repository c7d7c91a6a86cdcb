package org.rostersync.notify;

import jakarta.inject.Singleton;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.RunArchives;
import org.rostersync.report.FileCounts;
import org.rostersync.report.Run;
import org.rostersync.report.RunSummaries;
import org.rostersync.report.RunSummary;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.Tenant;
import org.rostersync.tenant.TenantService;
import org.rostersync.tenant.VendorContacts;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The report of a run's issues for whoever fixes the data at the SIS: which delivery (its files and when each arrived),
 * of which source and tenant, then every group of issues with what it means and how to fix it, and the affected rows as
 * a CSV attachment. It has no links into rostersync: a vendor has no login there.
 */
@Singleton
class VendorReports {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);

    private final TenantService tenants;
    private final RunSummaries summaries;
    private final RunArchives archives;

    VendorReports(TenantService tenants, RunSummaries summaries, RunArchives archives) {
        this.tenants = tenants;
        this.summaries = summaries;
        this.archives = archives;
    }

    /** Codes of faults no SIS can fix: the service's own, the remote server's, and the safeguards' limits. */
    private static final List<String> NOT_THE_DATA = List.of("run.", "remote.", "safeguard.");

    /** Whether the run found something in the data that the SIS can fix. */
    static boolean aboutTheData(RunSummary summary) {
        return summary.groups().stream().anyMatch(g -> NOT_THE_DATA.stream().noneMatch(g.code()::startsWith));
    }

    /** The name of the CSV of the run's issues, attached or downloaded. */
    static String csvName(Run run) {
        return "run-" + run.id() + "-issues.csv";
    }

    /** The report as an email to the contacts, the run's issues attached as CSV. */
    Email email(Run run, VendorContacts contacts) {
        RunSummary summary = summaries.of(run);
        String source = sourceName(run);
        String subject = "[rostersync] Data to fix in the delivery of " + source + " (" + tenantName(run) + "): "
                + RunSummary.number(summary.total()) + (summary.total() == 1 ? " issue" : " issues");
        return new Email(contacts.emails(), subject, text(run, summary, contacts), false,
                new Email.IssuesAttachment(run.id(), csvName(run)));
    }

    /** The report's text, as emailed (the download of the run page). */
    String text(Run run, VendorContacts contacts) {
        return text(run, summaries.of(run), contacts);
    }

    private String text(Run run, RunSummary summary, VendorContacts contacts) {
        ZoneId zone = tenants.schedule(run.sourceId()).map(Schedule::timeZone).orElse(Schedule.DEFAULT.timeZone());
        String source = sourceName(run);
        StringBuilder b = new StringBuilder();
        b.append("rostersync read the roster delivery of ").append(source).append(" (").append(tenantName(run))
                .append(") and found data to fix at the SIS. Each kind of issue is listed below with what it means and how to fix")
                .append(" it; the attached ").append(csvName(run)).append(" lists every affected row (file, line, sourcedId,")
                .append(" column, code, outcome, message, value).\n\n");
        b.append("Tenant: ").append(tenantName(run)).append('\n');
        b.append("Source: ").append(source).append('\n');
        b.append("Delivery:");
        List<DeliveryFile> delivered = delivered(run);
        if (delivered.isEmpty()) {
            b.append(' ').append(String.join(", ", run.files().stream().map(FileCounts::name).toList())).append('\n');
        } else {
            b.append('\n');
            for (DeliveryFile f : delivered) {
                b.append("  ").append(f.name()).append(", received ").append(when(f.receivedAt(), zone)).append('\n');
            }
        }
        b.append("Read: ").append(when(run.startedAt() != null ? run.startedAt() : run.createdAt(), zone))
                .append(" (run ").append(run.id()).append(", ").append(run.status().name().replace('_', ' ')).append(")\n");
        b.append("Issues: ").append(summary.totals()).append('\n');
        SummaryText.groups(b, summary, Integer.MAX_VALUE, null);
        b.append("\n-- \nrostersync sends this on behalf of the operators of ").append(tenantName(run)).append(" to the vendor")
                .append(" contacts of ").append(source).append(": ")
                .append(String.join(", ", contacts.contacts().stream().map(VendorContacts.Contact::display).toList()))
                .append(".\n");
        return b.toString();
    }

    /** The files the run froze, with when each arrived; empty once its archive was removed. */
    private List<DeliveryFile> delivered(Run run) {
        try {
            return archives.archived(run.id());
        } catch (IOException e) {
            return List.of(); // the report names the files from the run's counts instead
        }
    }

    private String sourceName(Run run) {
        return tenants.source(run.sourceId()).map(Source::name).orElse("source " + run.sourceId());
    }

    private String tenantName(Run run) {
        return tenants.source(run.sourceId()).flatMap(s -> tenants.tenant(s.tenantId())).map(Tenant::name).orElse("");
    }

    private static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }
}
