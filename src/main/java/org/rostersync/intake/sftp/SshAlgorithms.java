package org.rostersync.intake.sftp;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.compression.Compression;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The algorithms the server offers, instead of MINA's defaults (which include SHA-1 MACs and 2048-bit group14). Only
 * what ssh-audit passes: post-quantum hybrids and curve25519 first, finite-field groups of 4096 bits and more (and group
 * exchange) for clients without curve25519; AES-GCM, ChaCha20-Poly1305 and AES-CTR; SHA-2 MACs in encrypt-then-MAC
 * mode; ed25519, ECDSA and RSA with SHA-2 signatures. Never CBC, SHA-1, MD5, DSA or pre-authentication compression.
 * Strict key exchange (the Terrapin mitigation) is MINA's own since 2.12. {@code legacy} adds NIST-curve ECDH and
 * non-ETM SHA-2 MACs for old clients; ssh-audit flags the curves.
 */
final class SshAlgorithms {

    private SshAlgorithms() {
    }

    /**
     * @param keyStreams where chacha20-poly1305 computes key streams ahead (see {@link ChaCha20Poly1305Ahead})
     * @param refusals   where group exchanges asking for groups too small are logged (see {@link GroupExchange})
     */
    static void apply(SshServer server, boolean legacy, java.util.concurrent.Executor keyStreams, RefusedConnections refusals) {
        List<BuiltinDHFactories> kex = new ArrayList<>(List.of(BuiltinDHFactories.mlkem768x25519,
                BuiltinDHFactories.sntrup761x25519_openssh, BuiltinDHFactories.sntrup761x25519, BuiltinDHFactories.curve25519,
                BuiltinDHFactories.curve25519_libssh));
        if (legacy) {
            kex.addAll(List.of(BuiltinDHFactories.ecdhp256, BuiltinDHFactories.ecdhp384, BuiltinDHFactories.ecdhp521));
        }
        kex.addAll(List.of(BuiltinDHFactories.dhg16_512, BuiltinDHFactories.dhg18_512, BuiltinDHFactories.dhgex256));
        List<KeyExchangeFactory> exchanges = new ArrayList<>();
        for (BuiltinDHFactories f : kex) {
            if (f.isSupported()) {
                exchanges.add(f.isGroupExchange() ? GroupExchange.factory(f, refusals) : ServerBuilder.DH2KEX.apply(f));
            }
        }
        server.setKeyExchangeFactories(exchanges);
        List<NamedFactory<Cipher>> ciphers = new ArrayList<>();
        Stream.of(BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128gcm).filter(BuiltinCiphers::isSupported).forEach(ciphers::add);
        ciphers.add(ChaCha20Poly1305Ahead.factory(keyStreams));
        Stream.of(BuiltinCiphers.aes256ctr, BuiltinCiphers.aes192ctr, BuiltinCiphers.aes128ctr).filter(BuiltinCiphers::isSupported)
                .forEach(ciphers::add);
        server.setCipherFactories(ciphers);
        List<NamedFactory<Mac>> macs = new ArrayList<>(List.of(BuiltinMacs.hmacsha256etm, BuiltinMacs.hmacsha512etm));
        if (legacy) {
            macs.addAll(List.of(BuiltinMacs.hmacsha256, BuiltinMacs.hmacsha512));
        }
        server.setMacFactories(macs);
        server.setCompressionFactories(List.<NamedFactory<Compression>>of(BuiltinCompressions.none,
                BuiltinCompressions.delayedZlib));
        server.setSignatureFactories(supported(Stream.of(BuiltinSignatures.ed25519, BuiltinSignatures.sk_ssh_ed25519,
                BuiltinSignatures.nistp256, BuiltinSignatures.nistp384, BuiltinSignatures.nistp521,
                BuiltinSignatures.sk_ecdsa_sha2_nistp256, BuiltinSignatures.rsaSHA512, BuiltinSignatures.rsaSHA256)
                .filter(BuiltinSignatures::isSupported).<NamedFactory<Signature>>map(s -> s).toList()));
    }

    private static <T> List<T> supported(List<T> factories) {
        if (factories.isEmpty()) {
            throw new IllegalStateException("this JVM supports none of the SSH algorithms rostersync offers");
        }
        return new ArrayList<>(factories);
    }
}
