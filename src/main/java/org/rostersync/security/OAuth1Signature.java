package org.rostersync.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OAuth 1.0a request signatures (RFC 5849 §3.4): the signature base string, its HMAC-SHA1 or HMAC-SHA256 and the
 * percent-encoding of §3.6. Pure functions; which parameters and which URI go in is the caller's to decide.
 */
public final class OAuth1Signature {

    public static final String HMAC_SHA1 = "HMAC-SHA1";
    public static final String HMAC_SHA256 = "HMAC-SHA256";

    private OAuth1Signature() {
    }

    /** A request parameter, already decoded (as it would be before §3.4.1.3.2 encodes it again). */
    public record Param(String name, String value) {
    }

    /** §3.4.1.1: method, base string URI and normalized parameters, each encoded, joined by {@code &}. */
    public static String baseString(String method, String baseUri, List<Param> params) {
        return method.toUpperCase(Locale.ROOT) + "&" + encode(baseUri) + "&" + encode(normalizedParameters(params));
    }

    /** §3.4.1.2: lower-case scheme and host, the port only when it is not the scheme's default, the path; no query. */
    public static String baseUri(String scheme, String host, int port, String rawPath) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || ("http".equals(s) && port == 80) || ("https".equals(s) && port == 443);
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    /** The base string URI of an absolute URI (its query and fragment dropped). */
    public static String baseUri(URI uri) {
        return baseUri(uri.getScheme(), uri.getHost(), uri.getPort(), uri.getRawPath());
    }

    /** §3.4.1.3.2: every parameter but {@code oauth_signature} (and {@code realm}), encoded, sorted by name then value. */
    public static String normalizedParameters(List<Param> params) {
        List<String[]> encoded = new ArrayList<>();
        for (Param p : params) {
            if (!p.name().equals("oauth_signature") && !p.name().equals("realm")) {
                encoded.add(new String[]{encode(p.name()), encode(p.value())});
            }
        }
        encoded.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]));
        StringBuilder out = new StringBuilder();
        for (String[] e : encoded) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(e[0]).append('=').append(e[1]);
        }
        return out.toString();
    }

    /**
     * §3.4.2: base64 of the HMAC of the base string under {@code clientSecret&tokenSecret}.
     *
     * @throws IllegalArgumentException for a method other than HMAC-SHA1 and HMAC-SHA256
     */
    public static String sign(String method, String clientSecret, String tokenSecret, String baseString) {
        String algorithm = switch (method) {
            case HMAC_SHA1 -> "HmacSHA1";
            case HMAC_SHA256 -> "HmacSHA256";
            default -> throw new IllegalArgumentException("unsupported signature method " + method);
        };
        String key = encode(clientSecret) + "&" + encode(tokenSecret == null ? "" : tokenSecret);
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    /** §3.6: UTF-8, then every byte outside the unreserved set {@code ALPHA DIGIT - . _ ~} as {@code %XX}. */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * §3.4.1.3.1: the parameters of a query string or a form body ({@code application/x-www-form-urlencoded}: a
     * {@code +} is a space), decoded; a name without {@code =} has an empty value.
     */
    public static List<Param> formParameters(String raw) {
        List<Param> out = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(new Param(decode(name.replace('+', ' ')), decode(value.replace('+', ' '))));
        }
        return out;
    }

    /**
     * §3.5.1: the parameters of an {@code Authorization: OAuth ...} header, decoded, {@code realm} left out.
     *
     * @throws IllegalArgumentException when the header is not a well-formed OAuth header
     */
    public static List<Param> headerParameters(String header) {
        if (header == null || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
            throw new IllegalArgumentException("not an OAuth Authorization header");
        }
        List<Param> out = new ArrayList<>();
        for (String part : header.substring(6).split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("malformed OAuth parameter: " + p);
            }
            String name = p.substring(0, eq).strip();
            String value = p.substring(eq + 1).strip();
            if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
                throw new IllegalArgumentException("OAuth parameter " + name + " must be quoted");
            }
            if (!name.equalsIgnoreCase("realm")) {
                out.add(new Param(decode(name), decode(value.substring(1, value.length() - 1))));
            }
        }
        return out;
    }

    /** Strict percent-decoding to UTF-8 ({@code +} stays a plus). */
    public static String decode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("truncated percent-encoding in " + value);
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad percent-encoding in " + value);
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                // a run of plain characters at once, so that a character outside the BMP keeps both its halves
                int end = value.indexOf('%', i);
                byte[] b = value.substring(i, end < 0 ? value.length() : end).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i = (end < 0 ? value.length() : end) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Parameters by name, for reading the {@code oauth_*} ones (each must appear once: see the caller). */
    public static Map<String, List<String>> byName(List<Param> params) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (Param p : params) {
            out.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.value());
        }
        return out;
    }
}
