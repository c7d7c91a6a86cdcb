package org.rostersync.intake.sftp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The SFTP server's meters for {@code /metrics}: logins by result and method, bans, the files' events and the bytes of
 * completed uploads, and the connections open now. Labels come from closed sets (a method, an event kind), never a
 * username or an address.
 */
final class SftpMetrics {

    private final MeterRegistry registry;
    private final Counter bans;
    private final Counter uploadedBytes;

    SftpMetrics(MeterRegistry registry, LoginDefender defender) {
        this.registry = registry;
        this.bans = Counter.builder("rostersync.sftp.bans").description("Addresses banned after failed SFTP logins").register(registry);
        this.uploadedBytes = Counter.builder("rostersync.sftp.uploaded").baseUnit("bytes")
                .description("Bytes of SFTP uploads that completed and joined a delivery").register(registry);
        Gauge.builder("rostersync.sftp.sessions.open", defender, LoginDefender::openConnections)
                .description("SFTP connections open now").register(registry);
    }

    /** A login the audit trail records: accepted, or refused (a wrong password, a key of a disabled account, a ban). */
    void login(boolean accepted, String method) {
        Counter.builder("rostersync.sftp.logins").description("SFTP logins, by result and method")
                .tag("result", accepted ? "accepted" : "refused").tag("method", method == null ? "none" : method)
                .register(registry).increment();
    }

    void banned() {
        bans.increment();
    }

    /** A file's event (upload_completed, upload_aborted, file_deleted, ...), and the bytes of a completed upload. */
    void file(String kind, Long size) {
        Counter.builder("rostersync.sftp.files").description("SFTP file events, by kind").tag("event", kind)
                .register(registry).increment();
        if ("upload_completed".equals(kind) && size != null) {
            uploadedBytes.increment(size);
        }
    }
}
