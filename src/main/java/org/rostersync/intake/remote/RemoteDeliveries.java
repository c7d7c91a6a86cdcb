package org.rostersync.intake.remote;

import jakarta.inject.Singleton;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.rostersync.config.RemoteConfig;
import org.rostersync.security.SecretBox;
import org.rostersync.tenant.Actor;
import org.rostersync.tenant.SealingKey;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** A source's remote delivery settings, and testing the connection step by step (the admin API's entry point). */
@Singleton
public class RemoteDeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteDeliveries.class);

    private final TenantService tenants;
    private final RemoteDeliveryStore store;
    private final SealingKey key;
    private final RemoteConfig config;

    RemoteDeliveries(TenantService tenants, RemoteDeliveryStore store, SealingKey key, RemoteConfig config) {
        this.tenants = tenants;
        this.store = store;
        this.key = key;
        this.config = config;
    }

    /** The source's settings; empty when there is no such source. */
    public Optional<RemoteDeliveryView> view(UUID sourceId) {
        return settings(sourceId).map(this::view);
    }

    /** Applies a change (see {@link RemoteDeliveryEdit}); empty when there is no such source. */
    public Optional<RemoteDeliveryView> change(UUID sourceId, Map<String, Object> body, Actor by) {
        Optional<org.rostersync.tenant.Source> source = tenants.source(sourceId);
        Optional<RemoteSettings> current = settings(sourceId);
        if (source.isEmpty() || current.isEmpty()) {
            return Optional.empty();
        }
        RemoteSettings changed = new RemoteDeliveryEdit(body, key.box()).applyTo(current.get());
        store.save(current.get(), changed, source.get().tenantId(), by);
        LOG.info("Remote delivery of source {} changed: fields {}", sourceId, new java.util.TreeSet<>(body.keySet()));
        return settings(sourceId).map(this::view);
    }

    /**
     * Connects as a fetch would and reports each step; on first contact (nothing pinned) it pins the host key the server
     * showed. Empty when there is no such source.
     */
    public Optional<ConnectionReport> test(UUID sourceId) {
        Optional<RemoteSettings> found = settings(sourceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RemoteSettings settings = found.get();
        Target target = target(settings);
        Map<Step, ConnectionReport.StepResult> steps = new EnumMap<>(Step.class);
        AtomicReference<String> seen = new AtomicReference<>();
        List<RemoteFile> files = List.of();
        boolean ok = false;
        boolean pinned = false;
        try (RemoteSession session = RemoteSession.open(target, (step, message) -> steps.put(step, result(step, "ok", message)), seen)) {
            if (settings.hostKeyFingerprint() == null) {
                pinned = store.pin(sourceId, settings.host(), settings.port(), session.hostKey());
                steps.put(Step.HOST_KEY, result(Step.HOST_KEY, "ok", "first contact: the server's host key " + session.hostKey()
                        + (pinned ? " is now pinned; a server showing another key will be refused"
                        : " was not pinned: the settings changed meanwhile")));
            }
            files = session.list(target.patterns());
            RemoteFetcher.refusedNames(files).ifPresent(why -> steps.put(Step.FILES, result(Step.FILES, "failed", why)));
            if (!steps.containsKey(Step.FILES)) {
                steps.put(Step.FILES, files.isEmpty()
                        ? result(Step.FILES, "warning", RemoteFetcher.noFiles(session.folder(), settings.patterns()))
                        : result(Step.FILES, "ok", files.size() + " file(s) in " + session.folder() + " match the patterns"));
            }
            ok = !"failed".equals(steps.get(Step.FILES).status());
        } catch (StepFailure failure) {
            steps.put(failure.step(), result(failure.step(), "failed", failure.getMessage()));
        }
        List<ConnectionReport.StepResult> report = new ArrayList<>();
        for (Step step : Step.values()) {
            if (step != Step.DOWNLOAD) {
                report.add(steps.getOrDefault(step, result(step, "not reached", "not tried: an earlier step failed")));
            }
        }
        return Optional.of(new ConnectionReport(ok, settings.target(), report, seen.get(), pinned, files));
    }

    private static ConnectionReport.StepResult result(Step step, String status, String message) {
        return new ConnectionReport.StepResult(step.label(), status, message);
    }

    Optional<RemoteSettings> settings(UUID sourceId) {
        if (tenants.source(sourceId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(store.find(sourceId).orElseGet(() -> RemoteSettings.none(sourceId)));
    }

    /** The settings with their secrets opened, for one connection. */
    Target target(RemoteSettings s) {
        if (s.host() == null || s.username() == null || s.passwordSealed() == null && s.privateKeySealed() == null) {
            throw new InvalidSettingException(s.host() == null ? "host" : s.username() == null ? "username" : "password",
                    "the remote delivery is not set up: give host, username and a password or privateKey first");
        }
        SecretBox box = key.box();
        List<KeyPair> keys = keys(s);
        int connectTimeout = s.connectTimeoutSeconds() != null ? s.connectTimeoutSeconds() : config.connectTimeoutSeconds();
        return new Target(s.host(), s.port(), s.username(), s.passwordSealed() == null ? null : box.open(s.passwordSealed()), keys,
                s.hostKeyFingerprint(), s.folder(), FilePatterns.of(s.patterns()), Duration.ofSeconds(connectTimeout),
                Duration.ofSeconds(config.timeoutSeconds()));
    }

    private List<KeyPair> keys(RemoteSettings s) {
        if (s.privateKeySealed() == null) {
            return List.of();
        }
        SecretBox box = key.box();
        String passphrase = s.passphraseSealed() == null ? null : box.open(s.passphraseSealed());
        return PrivateKeys.parse(box.open(s.privateKeySealed()), passphrase);
    }

    int retries(RemoteSettings s) {
        return s.retries() != null ? s.retries() : config.retries();
    }

    private RemoteDeliveryView view(RemoteSettings s) {
        String publicKey = null;
        String publicFingerprint = null;
        if (s.privateKeySealed() != null) {
            try {
                java.security.PublicKey key = keys(s).get(0).getPublic();
                publicKey = PublicKeyEntry.toString(key);
                publicFingerprint = KeyUtils.getFingerPrint(key);
            } catch (RuntimeException e) {
                // a key sealed under another secret key: the view says it is set, and a test or fetch says what is wrong
                LOG.warn("Cannot open the private key of source {}: {}", s.sourceId(), e.getMessage());
            }
        }
        return new RemoteDeliveryView(s.enabled(), s.host(), s.port(), s.username(), s.passwordSealed() != null,
                s.privateKeySealed() != null, s.passphraseSealed() != null, publicKey, publicFingerprint, s.hostKeyFingerprint(),
                s.folder(), s.patterns(), s.deleteAfterFetch(), s.connectTimeoutSeconds(), s.retries(), s.changedAt());
    }
}
