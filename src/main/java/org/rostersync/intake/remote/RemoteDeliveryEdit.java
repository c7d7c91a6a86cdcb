package org.rostersync.intake.remote;

import org.rostersync.security.SecretBox;
import org.rostersync.tenant.InvalidSettingException;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies an operator's change (the PUT body, as JSON fields) to a source's remote settings. A field left out keeps its
 * value; a nullable field given as null (or "") is cleared; an unknown field is refused rather than ignored. Changing the
 * host or port forgets the pinned host key, since it belonged to the other server, unless the change pins one itself.
 */
final class RemoteDeliveryEdit {

    static final Set<String> FIELDS = Set.of("enabled", "host", "port", "username", "password", "privateKey",
            "privateKeyPassphrase", "hostKeyFingerprint", "folder", "patterns", "deleteAfterFetch", "connectTimeoutSeconds",
            "retries");

    /** As OpenSSH prints it: SHA256 and 43 characters of unpadded base64. */
    static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private final Map<String, Object> body;
    private final SecretBox box;

    RemoteDeliveryEdit(Map<String, Object> body, SecretBox box) {
        this.body = body;
        this.box = box;
    }

    RemoteSettings applyTo(RemoteSettings current) {
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidSettingException(field, "unknown field '" + field + "'; the remote delivery has " + new java.util.TreeSet<>(FIELDS));
            }
        }
        boolean enabled = has("enabled") ? bool("enabled") : current.enabled();
        String host = has("host") ? host() : current.host();
        int port = has("port") ? required("port", integer("port", 1, 65535)) : current.port();
        String username = has("username") ? username() : current.username();
        String password = has("password") ? text("password", 1024) : null;
        byte[] passwordSealed = has("password") ? seal(password) : current.passwordSealed();
        String passphrase = has("privateKeyPassphrase") ? text("privateKeyPassphrase", 1024) : open(current.passphraseSealed());
        String privateKey = has("privateKey") ? text("privateKey", 64 * 1024) : open(current.privateKeySealed());
        if (privateKey != null && (has("privateKey") || has("privateKeyPassphrase"))) {
            PrivateKeys.parse(privateKey, passphrase);
        }
        if (privateKey == null && has("privateKeyPassphrase") && passphrase != null) {
            throw new InvalidSettingException("privateKeyPassphrase", "a passphrase needs a privateKey to open");
        }
        byte[] keySealed = has("privateKey") ? seal(privateKey) : current.privateKeySealed();
        byte[] passphraseSealed = privateKey == null ? null : has("privateKeyPassphrase") ? seal(passphrase) : current.passphraseSealed();
        String fingerprint = current.hostKeyFingerprint();
        if (!java.util.Objects.equals(host, current.host()) || port != current.port()) {
            fingerprint = null;
        }
        if (has("hostKeyFingerprint")) {
            fingerprint = fingerprint();
        }
        String folder = has("folder") ? folder() : current.folder();
        List<String> patterns = has("patterns") ? patterns() : current.patterns();
        boolean delete = has("deleteAfterFetch") ? bool("deleteAfterFetch") : current.deleteAfterFetch();
        Integer connectTimeout = has("connectTimeoutSeconds") ? integer("connectTimeoutSeconds", 1, 300) : current.connectTimeoutSeconds();
        Integer retries = has("retries") ? integer("retries", 0, 10) : current.retries();
        if (enabled) {
            if (host == null) {
                throw new InvalidSettingException("host", "host is required to enable the remote delivery");
            }
            if (username == null) {
                throw new InvalidSettingException("username", "username is required to enable the remote delivery");
            }
            if (passwordSealed == null && keySealed == null) {
                throw new InvalidSettingException("password", "a password or a privateKey is required to enable the remote delivery");
            }
        }
        return new RemoteSettings(current.sourceId(), enabled, host, port, username, passwordSealed, keySealed, passphraseSealed,
                fingerprint, folder, patterns, delete, connectTimeout, retries, current.changedAt());
    }

    private boolean has(String field) {
        return body.containsKey(field);
    }

    private byte[] seal(String secret) {
        return secret == null ? null : box.seal(secret);
    }

    private String open(byte[] sealed) {
        try {
            return sealed == null ? null : box.open(sealed);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("privateKey", "the stored private key or passphrase cannot be opened: " + e.getMessage());
        }
    }

    private boolean bool(String field) {
        if (body.get(field) instanceof Boolean b) {
            return b;
        }
        throw new InvalidSettingException(field, field + " must be true or false");
    }

    /** A string, or null for null and "" (clearing the field). */
    private String text(String field, int max) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new InvalidSettingException(field, field + " must be a string");
        }
        if (s.length() > max) {
            throw new InvalidSettingException(field, field + " must be at most " + max + " characters");
        }
        return s.isEmpty() ? null : s;
    }

    /** A whole number within bounds, or null (clearing the field, where that is allowed). */
    private Integer integer(String field, int min, int max) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= min && n.doubleValue() <= max) {
            return n.intValue();
        }
        throw new InvalidSettingException(field, field + " must be a whole number from " + min + " to " + max + ", not " + value);
    }

    private static int required(String field, Integer value) {
        if (value == null) {
            throw new InvalidSettingException(field, field + " cannot be cleared");
        }
        return value;
    }

    private String host() {
        String host = text("host", 253);
        if (host == null) {
            return null;
        }
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (IPV4.matcher(h).matches()) {
            for (String part : h.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new InvalidSettingException("host", "'" + host + "' is not a valid IPv4 address");
                }
            }
            return h;
        }
        if (h.contains(":")) {
            if (IPV6.matcher(h).matches()) {
                try {
                    java.net.InetAddress.getByName(h); // a literal: parsed, never looked up
                    return h;
                } catch (java.net.UnknownHostException e) {
                    // falls through to the refusal
                }
            }
            throw new InvalidSettingException("host", "'" + host + "' is not a valid IPv6 address");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("host", "'" + host + "' is not a valid host name: " + e.getMessage());
        }
        String name = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
        if (name.isEmpty() || name.length() > 253 || !java.util.Arrays.stream(name.split("\\.", -1)).allMatch(l -> LABEL.matcher(l).matches())) {
            throw new InvalidSettingException("host", "'" + host + "' is not a valid host name or address: letters, digits and"
                    + " hyphens in dot-separated labels (e.g. sftp.district.org), or an IPv4 or IPv6 address");
        }
        return name;
    }

    private String username() {
        String username = text("username", 256);
        if (username != null && (username.isBlank() || username.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidSettingException("username", "username must not be blank nor hold control characters");
        }
        return username;
    }

    private String fingerprint() {
        String fingerprint = text("hostKeyFingerprint", 100);
        if (fingerprint == null) {
            return null;
        }
        String f = fingerprint.strip();
        if (!FINGERPRINT.matcher(f).matches()) {
            throw new InvalidSettingException("hostKeyFingerprint", "'" + fingerprint + "' is not a host key fingerprint as"
                    + " OpenSSH prints it (ssh-keygen -lf): SHA256: and 43 characters of base64");
        }
        return f;
    }

    private String folder() {
        String folder = text("folder", 1024);
        if (folder == null) {
            return null;
        }
        if (folder.isBlank() || folder.chars().anyMatch(Character::isISOControl) || folder.contains("\\")
                || java.util.Arrays.asList(folder.split("/")).contains("..")) {
            throw new InvalidSettingException("folder", "'" + folder + "' is not a folder path: no control characters, no"
                    + " backslashes, no '..' (absolute like /outgoing/roster, or relative to the login's home folder)");
        }
        return folder;
    }

    private List<String> patterns() {
        Object value = body.get("patterns");
        if (value == null) {
            return FilePatterns.DEFAULT;
        }
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 100) {
            throw new InvalidSettingException("patterns", "patterns must be a list of 1 to 100 file name globs (e.g. [\"*.csv\", \"*.zip\"])");
        }
        List<String> out = new ArrayList<>();
        for (Object glob : list) {
            if (!(glob instanceof String g)) {
                throw new InvalidSettingException("patterns", "each pattern must be a string, not " + glob);
            }
            FilePatterns.invalid(g).ifPresent(why -> {
                throw new InvalidSettingException("patterns", why);
            });
            out.add(g);
        }
        return List.copyOf(out);
    }
}
