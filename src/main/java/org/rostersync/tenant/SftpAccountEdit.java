package org.rostersync.tenant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A checked {@link SftpAccountChange}: every field it gives is valid, its keys and networks are parsed, and it can be
 * applied to the account as stored. Each refusal names the field, down to the list entry ({@code authorizedKeys[2]}).
 */
record SftpAccountEdit(SftpAccountChange change, List<AuthorizedKey> keys, List<AllowedNetwork> networks, Instant at) {

    static SftpAccountEdit check(SftpAccountChange change, Instant now) {
        if (change.username() != null && !change.username().matches(SftpAccount.USERNAME_PATTERN)) {
            throw new InvalidSettingException("username", "username: " + SftpAccount.USERNAME_RULE);
        }
        if (change.password() != null) {
            int length = change.password().codePointCount(0, change.password().length());
            if (length < SftpAccount.MIN_PASSWORD || length > SftpAccount.MAX_PASSWORD || change.password().isBlank()) {
                throw new InvalidSettingException("password", "password: must be " + SftpAccount.MIN_PASSWORD + " to "
                        + SftpAccount.MAX_PASSWORD + " characters");
            }
            if (change.removePassword()) {
                throw new InvalidSettingException("removePassword", "removePassword: cannot be true while a new password is given");
            }
        }
        List<AuthorizedKey> keys = change.authorizedKeys() == null ? null : keys(change.authorizedKeys(), now);
        List<AllowedNetwork> networks = change.allowedNetworks() == null ? null : networks(change.allowedNetworks());
        return new SftpAccountEdit(change, keys, networks, now);
    }

    /** The account with the change applied; {@code newHash} is the new password's hash, when one is given. */
    SftpAccountStore.StoredAccount applyTo(SftpAccountStore.StoredAccount current, String newHash) {
        SftpAccount was = current.account();
        boolean passwordChanged = newHash != null || change.removePassword();
        String hash = change.removePassword() ? null : newHash != null ? newHash : current.passwordHash();
        List<AuthorizedKey> authorized = keys == null ? was.authorizedKeys() : keepingAddedAt(keys, was.authorizedKeys());
        boolean enabled = change.enabled() == null ? was.enabled() : change.enabled();
        if (enabled && hash == null && authorized.isEmpty()) {
            throw new InvalidSettingException(change.removePassword() ? "removePassword" : "authorizedKeys",
                    "an enabled account needs a password or an authorized key");
        }
        SftpAccount account = new SftpAccount(was.sourceId(), was.tenantId(),
                change.username() == null ? was.username() : change.username(), enabled, hash != null,
                passwordChanged ? at : was.passwordChangedAt(), authorized, networks == null ? was.allowedNetworks() : networks,
                at);
        Source source = current.source();
        return new SftpAccountStore.StoredAccount(new Source(source.id(), source.tenantId(), source.name(), account.username()),
                account, hash);
    }

    /** A key the account already had keeps the time it was added. */
    private static List<AuthorizedKey> keepingAddedAt(List<AuthorizedKey> keys, List<AuthorizedKey> had) {
        Map<String, AuthorizedKey> before = had.stream().collect(Collectors.toMap(AuthorizedKey::fingerprint, Function.identity()));
        return keys.stream().map(k -> before.containsKey(k.fingerprint()) ? k.addedAt(before.get(k.fingerprint()).addedAt()) : k)
                .toList();
    }

    private static List<AuthorizedKey> keys(List<String> lines, Instant now) {
        if (lines.size() > SftpAccount.MAX_KEYS) {
            throw new InvalidSettingException("authorizedKeys", "authorizedKeys: at most " + SftpAccount.MAX_KEYS + " keys");
        }
        List<AuthorizedKey> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String field = "authorizedKeys[" + i + "]";
            AuthorizedKey key;
            try {
                key = AuthorizedKey.parse(lines.get(i), now);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(field, field + " " + e.getMessage());
            }
            if (!seen.add(key.fingerprint())) {
                throw new InvalidSettingException(field, field + " is listed twice (" + key.fingerprint() + ")");
            }
            keys.add(key);
        }
        return keys;
    }

    private static List<AllowedNetwork> networks(List<String> texts) {
        if (texts.size() > SftpAccount.MAX_NETWORKS) {
            throw new InvalidSettingException("allowedNetworks", "allowedNetworks: at most " + SftpAccount.MAX_NETWORKS + " networks");
        }
        List<AllowedNetwork> networks = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String field = "allowedNetworks[" + i + "]";
            AllowedNetwork network;
            try {
                network = AllowedNetwork.parse(texts.get(i));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(field, field + ": " + e.getMessage());
            }
            if (networks.contains(network)) {
                throw new InvalidSettingException(field, field + ": " + network + " is listed twice");
            }
            networks.add(network);
        }
        return networks;
    }
}
