package org.rostersync.console;

import jakarta.inject.Singleton;

import java.security.SecureRandom;

/**
 * Strong passwords for SFTP accounts, made when an operator resets one: shown once, then only the hash is kept. The
 * alphabet leaves out characters that read alike (0, O, o, 1, l, I), since the password is read off a screen and typed
 * or dictated into a vendor's client; 24 of its 56 characters make about 139 bits.
 */
@Singleton
class PasswordGenerator {

    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    static final int LENGTH = 24;

    private final SecureRandom random = new SecureRandom();

    String next() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
