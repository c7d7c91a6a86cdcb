package org.rostersync.intake.remote;

import jakarta.inject.Singleton;
import org.rostersync.config.RemoteConfig;
import org.rostersync.config.SftpConfig;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.report.IssueCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches a source's delivery from its remote server into its inbox before a run. Every matching file is downloaded to
 * a temporary file first; only when all of them arrived whole are they promoted into the inbox (as a hosted upload's
 * clean close does, with its SHA-256), so that a fetch cut off halfway never mixes with the previous delivery.
 * Connection and transfer failures are tried again with a doubling wait; a wrong host key, a refused login or a missing
 * folder are not. Remote files are deleted, when the source asks for it, only after all of them were promoted.
 */
@Singleton
public class RemoteFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteFetcher.class);

    private final RemoteDeliveries deliveries;
    private final RemoteDeliveryStore store;
    private final Inbox inbox;
    private final RemoteConfig config;
    private final SftpConfig sftp;

    RemoteFetcher(RemoteDeliveries deliveries, RemoteDeliveryStore store, Inbox inbox, RemoteConfig config, SftpConfig sftp) {
        this.sftp = sftp;
        this.deliveries = deliveries;
        this.store = store;
        this.inbox = inbox;
        this.config = config;
    }

    /** Fetches when the source's remote delivery is enabled; empty when it is not (nothing to fetch). */
    public Optional<FetchResult> fetchIfEnabled(UUID sourceId) throws IOException {
        if (!store.enabled(sourceId)) {
            return Optional.empty();
        }
        RemoteSettings settings = store.find(sourceId).orElseThrow();
        Target target;
        try {
            target = deliveries.target(settings);
        } catch (RuntimeException e) {
            // a secret sealed under another key, or settings made invalid by hand: say so instead of failing obscurely
            return Optional.of(new FetchResult(Step.AUTHENTICATION, failure(settings, Step.AUTHENTICATION,
                    "the stored credentials cannot be used: " + e.getMessage()), List.of()));
        }
        int attempts = 1 + deliveries.retries(settings);
        List<FetchResult.Note> notes = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(fetchOnce(settings, target, notes));
            } catch (StepFailure failure) {
                boolean again = failure.retryable() && attempt < attempts;
                LOG.warn("Fetch {} of {} for source {} from {} failed at {}: {}{}", attempt, attempts, sourceId, target,
                        failure.step().label(), failure.getMessage(), again ? "; trying again" : "");
                if (!again) {
                    String tries = attempt > 1 ? " (tried " + attempt + " times)" : "";
                    return Optional.of(new FetchResult(failure.step(), failure(settings, failure.step(), failure.getMessage()) + tries, notes));
                }
                pause(config.retryDelayMillis() << Math.min(attempt - 1, 10));
            }
        }
    }

    private FetchResult fetchOnce(RemoteSettings settings, Target target, List<FetchResult.Note> notes)
            throws StepFailure, IOException {
        UUID sourceId = settings.sourceId();
        AtomicReference<String> seen = new AtomicReference<>();
        try (RemoteSession session = RemoteSession.open(target, (step, message) -> { }, seen)) {
            if (settings.hostKeyFingerprint() == null && store.pin(sourceId, settings.host(), settings.port(), session.hostKey())) {
                notes.add(new FetchResult.Note(IssueCode.REMOTE_HOST_KEY_PINNED, "first contact with " + settings.target()
                        + ": its host key " + session.hostKey() + " is now pinned; a server showing another key will be refused"));
            }
            List<RemoteFile> files = session.list(target.patterns());
            Optional<String> refused = refusedNames(files).or(() -> tooLarge(files));
            if (refused.isPresent()) {
                throw new StepFailure(Step.FILES, refused.get(), false, null);
            }
            if (files.isEmpty()) {
                notes.add(new FetchResult.Note(IssueCode.REMOTE_NO_FILES, noFiles(session.folder(), settings.patterns())
                        + ": nothing was fetched; the run reads the delivery already in the inbox"));
                return new FetchResult(null, "nothing to fetch", notes);
            }
            Map<RemoteFile, Downloaded> downloaded = new LinkedHashMap<>();
            try {
                for (RemoteFile file : files) {
                    Path tmp = inbox.newUpload(sourceId);
                    downloaded.put(file, new Downloaded(tmp, null));
                    downloaded.put(file, new Downloaded(tmp, session.download(file, tmp)));
                }
                for (Map.Entry<RemoteFile, Downloaded> d : downloaded.entrySet()) {
                    inbox.promote(sourceId, d.getValue().file(), d.getKey().name(), d.getValue().sha256(), true);
                }
            } finally {
                for (Downloaded d : downloaded.values()) {
                    Files.deleteIfExists(d.file()); // promoted ones are gone already
                }
            }
            if (settings.deleteAfterFetch()) {
                for (RemoteFile file : files) {
                    try {
                        session.remove(file);
                    } catch (IOException e) {
                        notes.add(new FetchResult.Note(IssueCode.REMOTE_DELETE_FAILED, "fetched " + file.name()
                                + " but could not delete it on "
                                + settings.target() + ": " + StepFailure.why(e) + "; the next run fetches it again"));
                    }
                }
            }
            long bytes = files.stream().mapToLong(RemoteFile::size).sum();
            String message = "fetched " + files.size() + " file(s), " + bytes + " bytes, from " + settings.target() + session.folder()
                    + (settings.deleteAfterFetch() ? " and deleted them there" : "");
            LOG.info("Source {}: {}", sourceId, message);
            return new FetchResult(null, message, notes);
        }
    }

    private record Downloaded(Path file, String sha256) {
    }

    private static String failure(RemoteSettings settings, Step step, String why) {
        return "fetching from " + settings.target() + " failed at " + step.label() + ": " + why;
    }

    /** Names a fetch cannot hand to the inbox (a hosted upload could not write them either), or empty. */
    static Optional<String> refusedNames(List<RemoteFile> files) {
        List<String> refused = files.stream().map(RemoteFile::name).filter(n -> !FilePatterns.deliverable(n)).map(FilePatterns::shown)
                .toList();
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the patterns match " + refused + ", which a delivery cannot hold: only manifest.csv, the OneRoster 1.1"
                + " files (orgs.csv, users.csv, ...; case-sensitive) and .zip files of letters, digits, '.', '-' and '_'."
                + " Narrow the patterns or rename the files on the server");
    }

    /** As the hosted server limits an upload: each file to ROSTERSYNC_SFTP_MAX_FILE_BYTES, all of them to the quota. */
    private Optional<String> tooLarge(List<RemoteFile> files) {
        for (RemoteFile file : files) {
            if (file.size() > sftp.maxFileBytes()) {
                return Optional.of(file.name() + " is " + file.size() + " bytes, more than a delivered file may be ("
                        + sftp.maxFileBytes() + ", ROSTERSYNC_SFTP_MAX_FILE_BYTES)");
            }
        }
        long total = files.stream().mapToLong(RemoteFile::size).sum();
        if (total > sftp.quotaBytes()) {
            return Optional.of("the matching files are " + total + " bytes, more than a source's inbox may hold ("
                    + sftp.quotaBytes() + ", ROSTERSYNC_SFTP_QUOTA_BYTES)");
        }
        return Optional.empty();
    }

    static String noFiles(String folder, List<String> patterns) {
        return "no file in " + folder + " matches the patterns " + patterns;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to fetch again", e);
        }
    }
}
