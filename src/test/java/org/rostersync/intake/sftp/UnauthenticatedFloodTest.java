package org.rostersync.intake.sftp;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import org.junit.jupiter.api.Test;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections that never log in cannot keep a vendor out or grow without bound: 200 of them from twenty addresses (some
 * silent, some sending only their version line, some stalling in the middle of the key exchange) hold slots while a
 * vendor logs in and uploads in well under five seconds; one address gets no more than its twenty connections, the
 * server no more than its total; and the authentication timeout closes every one that never logged in, while the
 * vendor's own session stays open. The flood comes from 127.0.0.2-21 (all of 127/8 is this machine), so the default
 * limit per address holds and the vendor on 127.0.0.1 keeps its own.
 */
class UnauthenticatedFloodTest {

    private static final int AUTH_TIMEOUT_SECONDS = 8;
    private static final int PER_ADDRESS = 20;
    private static final int TOTAL = 220;
    private static final int FLOOD_ADDRESSES = 20;
    private static final int FLOOD_EACH = 10;

    /** How a connection that never logs in behaves. */
    enum Stall {
        /** connects and says nothing */
        SILENT,
        /** sends its version line, then nothing */
        VERSION_ONLY,
        /** sends its version line and KEXINIT, then never the key exchange's next message */
        IN_KEY_EXCHANGE
    }

    @Test
    void connectionsThatNeverLogInNeitherKeepAVendorOutNorOutliveTheAuthenticationTimeout() throws Exception {
        try (RunningApp.App app = RunningApp.startWith(Map.of("rostersync.sftp.auth-timeout-seconds", AUTH_TIMEOUT_SECONDS,
                "rostersync.sftp.max-connections", TOTAL, "rostersync.sftp.max-connections-per-address", PER_ADDRESS,
                // the total limit itself is what this test holds the flood to; the reserve has a test of its own
                "rostersync.sftp.reserved-connections", 0))) {
            Fixture vendor = Fixture.create(app, "Flooded district");
            List<Flood> flood = new ArrayList<>();
            try {
                for (int i = 0; i < FLOOD_ADDRESSES * FLOOD_EACH; i++) {
                    flood.add(Flood.open(app, 2 + i % FLOOD_ADDRESSES, Stall.values()[i % Stall.values().length]));
                }
                for (Flood f : flood) {
                    assertTrue(f.accepted(), f + " was accepted: the server said " + f.greeting);
                }

                long start = System.nanoTime();
                SSHClient ssh = Sftp.sshj(app, vendor.sftpUser(), vendor.sftpPassword());
                byte[] users = "sourcedId,status\nu1,active\n".getBytes(StandardCharsets.UTF_8);
                try (SFTPClient sftp = ssh.newSFTPClient();
                     RemoteFile file = sftp.open("users.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
                    file.write(0, users, 0, users.length);
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("the vendor's login and upload took %d ms during the flood%n", millis);
                assertTrue(millis < 5_000, "the vendor's login and upload took " + millis + " ms during the flood");
                assertEquals(List.of("users.csv"), app.context().getBean(Inbox.class).delivery(vendor.sourceId()).stream()
                        .map(DeliveryFile::name).toList());

                // one address: its twenty, no more (127.0.0.2 holds ten of the flood)
                List<Flood> more = new ArrayList<>();
                for (int i = 0; i <= PER_ADDRESS - FLOOD_EACH; i++) {
                    more.add(Flood.open(app, 2, Stall.SILENT));
                }
                assertEquals(PER_ADDRESS - FLOOD_EACH, accepted(more), more.toString());
                assertTrue(!more.get(more.size() - 1).accepted(), "the twenty-first from one address is refused at once");
                flood.addAll(more);

                // the server: its total, no more (200 + 10 of the flood and the vendor hold 211)
                List<Flood> others = new ArrayList<>();
                for (int i = 0; i < 15; i++) {
                    others.add(Flood.open(app, 100 + i, Stall.SILENT));
                }
                long open = FLOOD_ADDRESSES * FLOOD_EACH + (PER_ADDRESS - FLOOD_EACH) + 1;
                assertEquals(TOTAL - open, accepted(others), others.toString());
                flood.addAll(others);
                // every one the server took is still open: nothing but the timeout closes them
                for (Flood f : flood) {
                    assertEquals(f.accepted(), f.stillOpen(5), f + " open");
                }
                long elapsed = (System.nanoTime() - flood.get(0).opened) / 1_000_000;
                assertTrue(elapsed < AUTH_TIMEOUT_SECONDS * 1000L, "the checks ran before the first timeout: " + elapsed + " ms");

                // the authentication timeout closes them all
                long deadline = flood.get(flood.size() - 1).opened + TimeUnit.SECONDS.toNanos(AUTH_TIMEOUT_SECONDS + 10);
                long latest = 0;
                for (Flood f : flood) {
                    long closedAfter = f.awaitClosed(deadline);
                    assertTrue(closedAfter >= 0, f + " is still open " + AUTH_TIMEOUT_SECONDS + " + 10 s after it connected");
                    latest = Math.max(latest, closedAfter);
                }
                System.out.printf("%d connections, the last closed %d ms after it connected%n", flood.size(), latest);
                assertTrue(ssh.isConnected() && ssh.isAuthenticated(), "the vendor's session outlives the flood");
                try (SFTPClient sftp = ssh.newSFTPClient()) {
                    assertEquals(users.length, sftp.size("users.csv"));
                }
                ssh.close();
                // and the flooded addresses may connect again: their counts came back down
                Sftp.sshj(app, vendor.sftpUser(), vendor.sftpPassword()).close();
            } finally {
                for (Flood f : flood) {
                    f.socket.close();
                }
            }
        }
    }

    /**
     * Addresses that never logged in cannot take the connections kept for vendors: with the shared ones full of them, a
     * vendor that logged in before (from its own address) still connects, twice, and uploads; another stranger does not.
     */
    @Test
    void connectionsThatNeverLogInCannotTakeTheOnesKeptForVendorsWhoLoggedInBefore() throws Exception {
        try (RunningApp.App app = RunningApp.startWith(Map.of("rostersync.sftp.max-connections", 12,
                "rostersync.sftp.reserved-connections", 4, "rostersync.sftp.max-connections-per-address", 20))) {
            Fixture vendor = Fixture.create(app, "Reserved district");
            Sftp.sshj(app, vendor.sftpUser(), vendor.sftpPassword()).close(); // 127.0.0.1 has logged in before
            // until the server has seen that connection close, it holds one of the eight: wait for it
            LoginDefenceTest.awaitConnectionsOnServer(app, 0);
            List<Flood> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    flood.add(Flood.open(app, 2, Stall.SILENT));
                }
                assertEquals(8, accepted(flood), "the eight connections anyone may take: " + flood);
                Flood ninth = Flood.open(app, 3, Stall.VERSION_ONLY);
                flood.add(ninth);
                assertTrue(!ninth.accepted(), "a ninth from an address that never logged in is refused at once");
                try (SSHClient one = Sftp.sshj(app, vendor.sftpUser(), vendor.sftpPassword());
                     SSHClient two = Sftp.sshj(app, vendor.sftpUser(), vendor.sftpPassword());
                     SFTPClient sftp = two.newSFTPClient();
                     RemoteFile file = sftp.open("users.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
                    file.write(0, new byte[]{'x', '\n'}, 0, 2);
                    assertTrue(one.isAuthenticated());
                }
                assertEquals(List.of("users.csv"), app.context().getBean(Inbox.class).delivery(vendor.sourceId()).stream()
                        .map(DeliveryFile::name).toList());
            } finally {
                for (Flood f : flood) {
                    f.socket.close();
                }
            }
        }
    }

    private static long accepted(List<Flood> connections) throws IOException {
        long accepted = 0;
        for (Flood f : connections) {
            if (f.accepted()) {
                accepted++;
            }
        }
        return accepted;
    }

    /** A connection that never logs in, from 127.0.0.{host}. */
    private static final class Flood {

        private final Socket socket;
        private final Stall stall;
        private final long opened = System.nanoTime();
        private String greeting = "";
        private Boolean accepted;

        private Flood(Socket socket, Stall stall) {
            this.socket = socket;
            this.stall = stall;
        }

        static Flood open(RunningApp.App app, int host, Stall stall) throws IOException {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, (byte) host}), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", app.sftpPort()), 5_000);
            Flood flood = new Flood(socket, stall);
            if (stall != Stall.SILENT) {
                socket.getOutputStream().write("SSH-2.0-flood_1.0\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (stall == Stall.IN_KEY_EXCHANGE) {
                socket.getOutputStream().write(kexInit());
            }
            return flood;
        }

        /** Whether the server took the connection: a refused one is closed at once, before the server says a word. */
        boolean accepted() throws IOException {
            if (accepted == null) {
                socket.setSoTimeout(2_000);
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                try {
                    for (int c; (c = in.read()) != -1 && c != '\n'; ) {
                        line.write(c);
                    }
                    greeting = line.toString(StandardCharsets.US_ASCII).strip();
                    accepted = greeting.startsWith("SSH-2.0-");
                } catch (SocketTimeoutException | java.net.SocketException closed) {
                    accepted = false;
                }
            }
            return accepted;
        }

        /** Reads (and drops) what the server sends for a while: false when it closes the connection meanwhile. */
        private boolean stillOpen(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                byte[] buffer = new byte[4096];
                while (socket.getInputStream().read(buffer) != -1) {
                    // the server's KEXINIT
                }
                return false;
            } catch (SocketTimeoutException open) {
                return true;
            } catch (java.net.SocketException reset) {
                return false;
            }
        }

        /** Waits for the server to close the connection; the milliseconds after connecting it did, or -1. */
        long awaitClosed(long deadline) throws IOException {
            while (System.nanoTime() < deadline) {
                int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (!stillOpen(Math.min(left, 1_000))) {
                    return (System.nanoTime() - opened) / 1_000_000;
                }
            }
            return -1;
        }

        /** A client's KEXINIT packet (unencrypted, as the first key exchange is) with algorithms the server offers. */
        private static byte[] kexInit() throws IOException {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(payload);
            out.writeByte(20); // SSH_MSG_KEXINIT
            out.write(new byte[16]); // cookie
            for (String list : List.of("curve25519-sha256", "ssh-ed25519", "aes128-ctr", "aes128-ctr",
                    "hmac-sha2-256-etm@openssh.com", "hmac-sha2-256-etm@openssh.com", "none", "none", "", "")) {
                byte[] bytes = list.getBytes(StandardCharsets.US_ASCII);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            out.writeBoolean(false); // first_kex_packet_follows
            out.writeInt(0); // reserved
            int padding = 8 - (5 + payload.size()) % 8;
            if (padding < 4) {
                padding += 8;
            }
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(packet);
            p.writeInt(1 + payload.size() + padding);
            p.writeByte(padding);
            p.write(payload.toByteArray());
            p.write(new byte[padding]);
            return packet.toByteArray();
        }

        @Override
        public String toString() {
            return stall + " from " + socket.getLocalAddress().getHostAddress();
        }
    }
}
