package org.rostersync.intake.sftp;

import org.apache.sshd.common.cipher.ChaCha20Cipher;
import org.apache.sshd.common.cipher.Cipher;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The key-stream-ahead decryption of chacha20-poly1305@openssh.com reads exactly what MINA's own encryption (the
 * reference the OpenSSH interop tests also exercise) writes: packets of every length, longer and shorter than the one
 * before, whether the key stream was computed ahead, is being computed, or was never scheduled; and it refuses a
 * tampered packet.
 */
class ChaCha20Poly1305AheadTest {

    @Test
    void decryptsWhatMinaEncryptsWhetherTheKeyStreamIsAheadLateOrNeverScheduled() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Executor executor : new Executor[]{pool, Runnable::run, task -> { }}) {
                for (long firstSequence : new long[]{0, 3, 0xFFFF_FFFEL}) {
                    roundTrip(executor, firstSequence, new Random(firstSequence + 41));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPacketWhoseTagDoesNotMatchIsRefused() throws Exception {
        byte[] key = new byte[64];
        new Random(7).nextBytes(key);
        byte[] iv = new byte[8];
        ChaCha20Cipher encrypt = new ChaCha20Cipher();
        encrypt.init(Cipher.Mode.Encrypt, key, iv);
        ChaCha20Poly1305Ahead decrypt = new ChaCha20Poly1305Ahead(Runnable::run);
        decrypt.init(Cipher.Mode.Decrypt, key, iv);
        byte[] packet = packet(new byte[100]);
        encrypt.updateAAD(packet, 0, 4);
        encrypt.update(packet, 4, 100);
        packet[50] ^= 1;
        decrypt.updateAAD(packet, 0, 4);
        assertThrows(AEADBadTagException.class, () -> decrypt.update(packet, 4, 100));
    }

    private static void roundTrip(Executor executor, long firstSequence, Random random) throws Exception {
        byte[] key = new byte[64];
        random.nextBytes(key);
        byte[] iv = new byte[8];
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (firstSequence >>> (56 - 8 * i));
        }
        ChaCha20Cipher encrypt = new ChaCha20Cipher();
        encrypt.init(Cipher.Mode.Encrypt, key, iv);
        ChaCha20Poly1305Ahead decrypt = new ChaCha20Poly1305Ahead(executor);
        decrypt.init(Cipher.Mode.Decrypt, key, iv);
        int[] lengths = {32_788, 32_788, 32_788, 8, 32_788, 300_000, 300_000, 16, 64, 65, 63, 1, 32_788, 100_000, 12};
        for (int round = 0; round < 3; round++) {
            for (int length : lengths) {
                int payload = round == 0 ? length : Math.max(1, length + random.nextInt(129) - 64);
                byte[] plain = new byte[payload];
                random.nextBytes(plain);
                byte[] packet = packet(plain);
                encrypt.updateAAD(packet, 0, 4);
                encrypt.update(packet, 4, payload);
                decrypt.updateAAD(packet, 0, 4);
                assertArrayEquals(Arrays.copyOf(packet(plain), 4), Arrays.copyOf(packet, 4), "the packet length, decrypted");
                decrypt.update(packet, 4, payload);
                assertArrayEquals(plain, Arrays.copyOfRange(packet, 4, 4 + payload), "payload of " + payload + " bytes");
            }
        }
    }

    /** A packet as MINA lays it out: the 4-byte length, the payload, room for the 16-byte tag. */
    private static byte[] packet(byte[] payload) {
        byte[] packet = new byte[4 + payload.length + 16];
        packet[0] = (byte) (payload.length >>> 24);
        packet[1] = (byte) (payload.length >>> 16);
        packet[2] = (byte) (payload.length >>> 8);
        packet[3] = (byte) payload.length;
        System.arraycopy(payload, 0, packet, 4, payload.length);
        return packet;
    }
}
