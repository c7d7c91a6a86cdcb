package org.rostersync.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(0, 300);

    @Test
    void argon2idHashVerifiesOnlyItsOwnPasswordAndIsSaltedEachTime() {
        String hash = hasher.hash("correct horse");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(hasher.verify("correct horse", hash));
        assertFalse(hasher.verify("correct horsE", hash));
        assertFalse(hasher.verify("", hash));
        assertNotEquals(hash, hasher.hash("correct horse"));
    }

    @Test
    void unknownAccountNeverVerifiesEvenWithTheDecoysPassword() {
        assertFalse(hasher.verify("anything", null));
        assertFalse(hasher.verify("correct horse", "not a phc string"));
    }

    @Test
    void generatedSecretsAreCheckedAgainstTheirDigest() {
        Secrets secrets = new Secrets();
        String secret = secrets.newSecret();
        String digest = Secrets.sha256(secret);
        assertTrue(Secrets.matches(secret, digest));
        assertFalse(Secrets.matches(secret + "x", digest));
        assertFalse(Secrets.matches(null, digest));
        assertNotEquals(secret, secrets.newSecret());
    }

    @Test
    void basicCredentialsAreParsedWithColonsInThePassword() {
        String header = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:pa:ss".getBytes());
        assertEquals(Optional.of(new BasicCredentials("admin", "pa:ss")), BasicCredentials.parse(header));
        assertEquals(Optional.empty(), BasicCredentials.parse("Bearer abc"));
        assertEquals(Optional.empty(), BasicCredentials.parse("Basic !!!"));
        assertEquals(Optional.empty(), BasicCredentials.parse(null));
    }
}
