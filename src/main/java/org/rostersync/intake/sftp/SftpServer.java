package org.rostersync.intake.sftp;

import io.micronaut.context.annotation.Context;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.rostersync.config.RostersyncConfig;
import org.rostersync.config.SftpConfig;
import org.rostersync.database.SharedKeys;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.intake.inbox.UploadActivity;
import org.rostersync.report.SftpEventStore;
import org.rostersync.security.Secrets;
import org.rostersync.tenant.SftpAccountChanged;
import org.rostersync.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.time.Instant;
import java.util.List;

/**
 * The hosted SFTP server. Sources log in with their password or key and see only their inbox; only the SFTP subsystem is
 * offered (no shell, exec, scp or forwarding). The ed25519 host key is generated once under the data directory so that
 * vendors' known_hosts entries stay valid across restarts.
 */
@Context
public class SftpServer {

    private static final Logger LOG = LoggerFactory.getLogger(SftpServer.class);

    private final SshServer server;
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(daemon("sftp-login-delays"));
    /** Computes chacha20-poly1305 key streams ahead of the packets that need them, beside the I/O threads. */
    private final java.util.concurrent.ExecutorService keyStreams = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), daemon("sftp-key-streams"));
    /** Flushes uploads to the disk while they go on. */
    private final java.util.concurrent.ExecutorService writeback = Executors.newFixedThreadPool(2, daemon("sftp-writeback"));
    private final Inbox inbox;
    private final SftpConfig sftp;
    private final SftpAudit audit;
    private final LoginDefender defender;
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();

    SftpServer(SftpConfig sftp, RostersyncConfig config, TenantService tenants, Inbox inbox, UploadActivity activity,
               SftpEventStore events, io.micrometer.core.instrument.MeterRegistry registry, SharedKeys sharedKeys) {
        this.server = SshServer.setUpDefaultServer();
        this.inbox = inbox;
        this.sftp = sftp;
        server.setHost(config.bind());
        server.setPort(sftp.port());
        server.setKeyPairProvider(HostKeys.load(sftp.hostKeyPaths(), config.dataPath().resolve("sftp")));
        sharedKeys.agree(SharedKeys.Key.SFTP_HOST, Secrets.sha256(String.join("\n", hostKeys().stream().sorted().toList())));
        SshAlgorithms.apply(server, sftp.legacyAlgorithms(), keyStreams, new RefusedConnections(Clock.systemUTC(), Duration.ofMinutes(1)));
        this.defender = new LoginDefender(new LoginDefender.Limits(sftp.banAfterFailures(),
                Duration.ofSeconds(sftp.banWindowSeconds()), Duration.ofSeconds(sftp.banSeconds()),
                sftp.maxConnectionsPerAddress(), sftp.maxConnections(), sftp.reservedConnections()), Clock.systemUTC());
        server.addSessionListener(defender);
        SftpMetrics metrics = new SftpMetrics(registry, defender);
        this.audit = new SftpAudit(events, metrics);
        AccountLogins logins = new AccountLogins(tenants, defender, audit, delays, Duration.ofMillis(sftp.failureDelayMillis()), metrics);
        server.addSessionListener(logins);
        // the accounts' own passwords and keys: never the JVM account's authorized_keys, never keyboard-interactive
        server.setPasswordAuthenticator(logins);
        server.setPublickeyAuthenticator(logins);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setShellFactory(null);
        server.setCommandFactory(null);
        server.setFileSystemFactory(new InboxFileSystemFactory(inbox));
        InboxQuota quota = new InboxQuota(inbox, sftp.quotaBytes());
        SftpSubsystemFactory sftpSubsystem = new SftpSubsystemFactory.Builder()
                .withFileSystemAccessor(new AtomicUploads(inbox, activity, quota, audit, writeback, stopping::get)).withSftpErrorStatusDataHandler(new ClientMessages()).build();
        sftpSubsystem.addSftpEventListener(new UploadTracker(inbox, activity, quota, audit, sftp.maxFileBytes()));
        server.setSubsystemFactories(List.of(sftpSubsystem));
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, sftp.maxAuthAttempts());
        CoreModuleProperties.AUTH_TIMEOUT.set(server, Duration.ofSeconds(sftp.authTimeoutSeconds()));
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ofSeconds(sftp.idleTimeoutSeconds()));
        // a read that waits longer than the idle timeout would outlive it
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(server, Duration.ofSeconds(sftp.idleTimeoutSeconds() + 60L));
        CoreModuleProperties.MAX_CONCURRENT_SESSIONS.set(server, sftp.maxSessionsPerAccount());
        // one SFTP channel is all a vendor needs; a few more for clients that open a second one to list while uploading
        CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(server, 4);
        org.apache.sshd.sftp.SftpModuleProperties.MAX_OPEN_HANDLES_PER_SESSION.set(server, sftp.maxOpenHandles());
        // MINA's default 4-byte handles are recycled numbers, and an open that fails (a refused name, a missing file)
        // loses the one it took: the next open then gets the number of a file still open, whose writes go to the new
        // file and whose upload never completes (OpenFilesKeepTheirHandlesTest). Random 16-byte handles are never reused.
        org.apache.sshd.sftp.SftpModuleProperties.FILE_HANDLE_SIZE.set(server, 16);
        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, "rostersync");
        // OpenSSH's sftp keeps 64 writes of 32 KiB in flight: with MINA's default 2 MiB channel window the client stalls
        // on every window adjustment (500 MB took 10.2 s, against 2.4 s to OpenSSH's sftp-server; 4 MiB: 3.0-3.3 s).
        // The window is also what one channel may send ahead of the disk, held in the heap: 8 MiB was no faster for one
        // upload and halved the speed of 50 at once (p50 20 s against 9.4 s), see bench/sftp_bench.sh.
        CoreModuleProperties.WINDOW_SIZE.set(server, 4L << 20);
        // SFTP answers each request with a small packet: without TCP_NODELAY, Nagle holds them back
        CoreModuleProperties.TCP_NODELAY.set(server, true);
    }

    /** Opens the port once the server is built: what an earlier process left half uploaded goes first. */
    @PostConstruct
    void start() {
        removeAbandonedUploads(inbox, sftp);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SFTP server on " + server.getHost() + ":" + sftp.port(), e);
        }
        LOG.info("SFTP server listening on {}:{}; host key {}", server.getHost(), port(), fingerprint());
    }

    public int port() {
        return server.getPort();
    }

    /** The connections the server holds now, logged in or not: a client's close counts once the server has seen it. */
    int openConnections() {
        return defender.openConnections();
    }

    public boolean isRunning() {
        return server.isStarted() && server.isOpen();
    }

    /** The SHA-256 fingerprint of the first host key (ed25519), as OpenSSH shows it. */
    public String fingerprint() {
        return hostKeys().get(0);
    }

    /** The SHA-256 fingerprints of the host keys, as OpenSSH shows them ({@code ssh-ed25519 SHA256:...}). */
    public List<String> hostKeys() {
        List<String> out = new java.util.ArrayList<>();
        try {
            for (KeyPair key : server.getKeyPairProvider().loadKeys(null)) {
                out.add(KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key.getPublic()));
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the SFTP host keys", e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("the SFTP server has no host key");
        }
        return out;
    }

    /**
     * A change of an account applies to its next login at once (every login reads the account); sessions already open
     * that the account no longer admits (disabled, the address outside its networks, the password or key they logged in
     * with changed or removed) are closed and the closing recorded.
     */
    @EventListener
    void accountChanged(SftpAccountChanged change) {
        for (org.apache.sshd.common.session.helpers.AbstractSession session : server.getActiveSessions()) {
            LoggedIn login = session.getAttribute(ACCOUNT);
            if (login == null || !login.source().id().equals(change.account().sourceId())) {
                continue;
            }
            InetAddress from = LoginDefender.address(session.getIoSession().getRemoteAddress());
            change.account().revoked(login.credential(), from).ifPresent(why -> {
                LOG.info("Closing the SFTP session of '{}' from {}: {}", session.getUsername(), from.getHostAddress(), why);
                audit.closed(session, login, why);
                session.close(false);
            });
        }
    }

    /** Uploads left by a process that stopped with files open; an aborted upload's file is removed at once. */
    @Scheduled(fixedDelay = "10m", initialDelay = "10m")
    void sweep() {
        removeAbandonedUploads(inbox, sftp);
    }

    private static void removeAbandonedUploads(Inbox inbox, SftpConfig sftp) {
        try {
            // a live upload writes more often than the idle timeout, or its session is closed
            int removed = inbox.removeAbandonedUploads(Instant.now().minusSeconds(2L * sftp.idleTimeoutSeconds()));
            if (removed > 0) {
                LOG.info("Removed {} abandoned partial uploads", removed);
            }
        } catch (IOException e) {
            LOG.warn("Abandoned partial uploads were not removed: {}", e.getMessage());
        }
    }

    /** The account a session logged in as (set by {@link AccountLogins}). */
    static final org.apache.sshd.common.AttributeRepository.AttributeKey<LoggedIn> ACCOUNT =
            new org.apache.sshd.common.AttributeRepository.AttributeKey<>();

    /** The id of the source a session logged in as, or null before login. */
    static java.util.UUID source(org.apache.sshd.common.AttributeRepository session) {
        LoggedIn login = session.getAttribute(ACCOUNT);
        return login == null ? null : login.source().id();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** What a client still connected when the service stops is told, in its SSH disconnect message. */
    static final String STOPPING = "rostersync is stopping: a file not closed yet was not kept; connect again in a few minutes";

    /**
     * The first step of the service's stop: open sessions are disconnected with {@link #STOPPING} (an upload in progress
     * is discarded, the previous complete file of its name stays, as for any dropped connection), then the listener
     * closes, so that no new session starts. Waits a few seconds at most for the clients to be told.
     */
    public void stopTakingUploads() throws IOException, InterruptedException {
        stopping.set(true);
        List<org.apache.sshd.common.session.helpers.AbstractSession> open = server.getActiveSessions();
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(open.size());
        for (org.apache.sshd.common.session.helpers.AbstractSession session : open) {
            session.addCloseFutureListener(future -> closed.countDown());
            try {
                session.disconnect(org.apache.sshd.common.SshConstants.SSH2_DISCONNECT_BY_APPLICATION, STOPPING);
            } catch (IOException e) {
                session.close(true); // it cannot be told: it is closed anyway
            }
        }
        closed.await(5, java.util.concurrent.TimeUnit.SECONDS);
        server.stop(true);
        if (!open.isEmpty()) {
            LOG.info("SFTP server stopped: {} open sessions were disconnected", open.size());
        } else {
            LOG.info("SFTP server stopped");
        }
    }

    @PreDestroy
    void stop() throws IOException {
        delays.shutdownNow();
        server.stop(true);
        keyStreams.shutdownNow();
        writeback.shutdownNow();
    }

    /** Each session's file system is rooted at its source's inbox; a path outside it does not exist. */
    static final class InboxFileSystemFactory extends VirtualFileSystemFactory {

        private final Inbox inbox;

        InboxFileSystemFactory(Inbox inbox) {
            this.inbox = inbox;
        }

        @Override
        public Path getUserHomeDir(SessionContext session) throws IOException {
            java.util.UUID source = source(session);
            if (source == null) {
                throw new IOException("not authenticated as a source");
            }
            return inbox.folder(source);
        }

        /**
         * A session's view, made once at its start: with object storage, the source's folder on this instance is first
         * brought up to date with the stored delivery, which another instance may have received. The storage failing
         * then does not lock the vendor out: the session sees this instance's files, and the failure is logged.
         */
        @Override
        public java.nio.file.FileSystem createFileSystem(SessionContext session) throws IOException {
            java.util.UUID source = source(session);
            if (source != null && inbox.inObjectStorage()) {
                try {
                    int changed = inbox.catchUp(source, UploadNames::isDelivered);
                    if (changed > 0) {
                        LOG.info("Inbox of source {} brought up to date from object storage at login: {} files fetched or removed",
                                source, changed);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Inbox of source {} not brought up to date from object storage at login; the session sees this"
                            + " instance's files: {}", source, e.getMessage());
                }
            }
            return super.createFileSystem(session);
        }
    }
}
