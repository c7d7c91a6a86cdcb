package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.intake.remote.ConnectionReport;
import org.rostersync.intake.remote.RemoteDeliveryView;

import java.time.Instant;
import java.time.ZoneId;

/**
 * How a source's deliveries arrive: uploaded to the hosted SFTP server (the default), or pulled from the district's own
 * server; the remote settings' form, and the report of the last connection test when this page answers one.
 *
 * @param sftpUsername          the hosted account's username, for the hosted summary
 * @param defaultConnectTimeout the service's connect timeout (seconds), when the source sets none
 * @param defaultRetries        the service's retries, when the source sets none
 * @param report                the connection test just run; null on every other page
 * @param testRefused           why the test could not start (settings incomplete); null when it ran or was not asked
 */
public record DeliveryPage(Frame frame, SourceHeader header, RemoteDeliveryView remote, SftpEndpoint endpoint,
                           String sftpUsername, int defaultConnectTimeout, int defaultRetries, ZoneId zone, FormState form,
                           @Nullable ConnectionReport report, @Nullable String testRefused) {

    public String when(Instant at) {
        return Dashboard.when(at, zone);
    }

    public String size(long bytes) {
        return Dashboard.size(bytes);
    }

    /** Whether the form shows "pull from a remote server" chosen: as sent when refused, else as stored. */
    public boolean remoteChosen() {
        return form.refusedForm() ? "remote".equals(form.sent().get("delivery")) : remote.enabled();
    }

    public String patternLines() {
        return String.join("\n", remote.patterns());
    }

    public String clearField(String secret) {
        return RemoteDeliveryForm.clearField(secret);
    }

    /** A step's status as a class name ({@code not reached} → {@code not-reached}). */
    public String statusClass(ConnectionReport.StepResult step) {
        return step.status().replace(' ', '-');
    }
}
