package org.rostersync.intake.remote;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.rostersync.tenant.InvalidSettingException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/** Private keys as an operator pastes them: OpenSSH ({@code BEGIN OPENSSH PRIVATE KEY}) or PEM, optionally encrypted. */
final class PrivateKeys {

    private PrivateKeys() {
    }

    /**
     * The key pairs in the text, read with MINA's loaders (the ones its client would use).
     *
     * @throws InvalidSettingException naming {@code privateKey}, or {@code privateKeyPassphrase} when the passphrase is
     *                                 what is wrong or missing
     */
    static List<KeyPair> parse(String text, String passphrase) {
        List<KeyPair> keys = new ArrayList<>();
        try {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("privateKey"),
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    passphrase == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(passphrase));
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (passphrase != null) {
                throw new InvalidSettingException("privateKeyPassphrase", "cannot read the private key with this passphrase"
                        + " (a wrong passphrase, or not an OpenSSH or PEM private key): " + why);
            }
            throw new InvalidSettingException("privateKey", "cannot read the private key (OpenSSH or PEM; if it is encrypted,"
                    + " give privateKeyPassphrase too): " + why);
        }
        if (keys.isEmpty()) {
            throw new InvalidSettingException("privateKey", "no private key found: paste the whole key file, from"
                    + " -----BEGIN ... PRIVATE KEY----- to its END line");
        }
        return keys;
    }
}
