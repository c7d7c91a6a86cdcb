package org.rostersync.api.oneroster;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import org.rostersync.database.SharedKeys;
import org.rostersync.security.KeyFile;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens of the token endpoint: JWTs signed with HS256 under one key that every instance shares
 * ({@code ROSTERSYNC_TOKEN_KEY}, or {@code token.key} in the data directory), so that any instance accepts a token any
 * other issued. A token names its client, tenant and scopes; the client is looked up again on each request, so a
 * deleted client's tokens stop working at once.
 */
@Context // its key is checked against the other instances' at start (SharedKeys), not at the first token
class AccessTokens {

    static final String TENANT_CLAIM = "tenant";
    static final String SCOPE_CLAIM = "scope";

    /** Enough for every client of a large deployment within a token's lifetime; beyond it, verified again. */
    private static final int MAX_VERIFIED = 10_000;

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final long lifetimeSeconds;
    /**
     * Tokens already verified, with their claims and expiry: a client sends one token with every request for an hour,
     * and checking it again (base64 decoded in constant time, the JSON parsed, the MAC computed) was a sixth of the
     * API's own work on a page of a hundred users. Only well-signed tokens get here, so a stranger cannot fill it.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Claims claims, Instant expires) {
    }

    AccessTokens(@Value("${rostersync.oauth.token-key:}") String configuredKey,
                 @Value("${rostersync.oauth.token-seconds:3600}") long lifetimeSeconds,
                 @Value("${rostersync.data-dir}") String dataDir, SharedKeys sharedKeys) {
        if (lifetimeSeconds < 1 || lifetimeSeconds > 86_400) {
            throw new IllegalArgumentException("rostersync.oauth.token-seconds (ROSTERSYNC_TOKEN_SECONDS) must be 1 to 86400, not "
                    + lifetimeSeconds);
        }
        byte[] key = configuredKey == null || configuredKey.isBlank()
                ? KeyFile.readOrCreate(Path.of(dataDir).toAbsolutePath().normalize().resolve("token.key"))
                : KeyFile.fromBase64(configuredKey, "ROSTERSYNC_TOKEN_KEY");
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("the token key cannot sign HS256", e);
        }
        sharedKeys.agree(SharedKeys.Key.TOKEN, KeyFile.checkValue(key));
        this.lifetimeSeconds = lifetimeSeconds;
    }

    long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    String issue(String clientId, UUID tenantId, Set<String> scopes, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(clientId)
                .claim(TENANT_CLAIM, tenantId.toString())
                .claim(SCOPE_CLAIM, String.join(" ", scopes))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(lifetimeSeconds)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** The token's claims when it is ours (HS256 under our key, nothing else), well formed and not expired. */
    Optional<Claims> verify(String token, Instant now) {
        Verified known = verified.get(token);
        if (known != null) {
            if (known.expires().isAfter(now)) {
                return Optional.of(known.claims());
            }
            verified.remove(token);
            return Optional.empty();
        }
        Optional<Verified> checked = check(token, now);
        checked.ifPresent(v -> {
            if (verified.size() >= MAX_VERIFIED) {
                verified.clear(); // simpler than an LRU, and rare: each token then costs one more full check
            }
            verified.put(token, v);
        });
        return checked.map(Verified::claims);
    }

    private Optional<Verified> check(String token, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            // only the one algorithm we sign with: never "none", never one an attacker picks
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            String tenant = claims.getStringClaim(TENANT_CLAIM);
            String scope = claims.getStringClaim(SCOPE_CLAIM);
            if (exp == null || !exp.toInstant().isAfter(now) || claims.getSubject() == null || tenant == null || scope == null) {
                return Optional.empty();
            }
            return Optional.of(new Verified(new Claims(claims.getSubject(), UUID.fromString(tenant),
                    Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(scope.split(" "))))), exp.toInstant()));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    record Claims(String clientId, UUID tenantId, Set<String> scopes) {
    }
}
