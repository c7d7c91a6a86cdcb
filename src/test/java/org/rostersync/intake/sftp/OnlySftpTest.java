package org.rostersync.intake.sftp;

import net.schmizz.concurrent.Event;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.SessionChannel;
import net.schmizz.sshj.connection.channel.forwarded.RemotePortForwarder;
import net.schmizz.sshj.connection.channel.forwarded.SocketForwardingConnectListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A vendor's password opens the SFTP subsystem and nothing else: no shell, no command (so no legacy scp either), no port
 * forwarding either way, no agent or X11 forwarding; with sshj and with OpenSSH's own ssh and scp. A refused request
 * leaves nothing behind: no connection to the target, no listening socket, no file.
 */
@ExtendWith(RunningApp.class)
class OnlySftpTest {

    private RunningApp.App app;
    private Fixture vendor;
    /** A service the vendor would like to reach through the server: it must never see a connection. */
    private ServerSocket target;
    private final AtomicInteger targetConnections = new AtomicInteger();
    private Thread acceptor;

    @BeforeEach
    void startTarget(RunningApp.App app) throws IOException {
        this.app = app;
        this.vendor = Fixture.create(app, "Tunnelling district");
        target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!target.isClosed()) {
                try (Socket ignored = target.accept()) {
                    targetConnections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "forwarding-target");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stopTarget() throws Exception {
        target.close();
        acceptor.join(5_000);
    }

    @Test
    void aShellIsRefusedAndTheSessionCanStillOpenSftp() throws Exception {
        try (SSHClient ssh = Sftp.sshj(app, vendor.sftpUser(), vendor.sftpPassword())) {
            try (Session session = ssh.startSession()) {
                assertRefused(session::startShell, "shell");
            }
            try (Session session = ssh.startSession()) {
                assertRefused(() -> session.startSubsystem("not-sftp"), "subsystem not-sftp");
            }
            // the refusals are of the requests, not of the vendor: SFTP still works on the same connection
            ssh.newSFTPClient().close();
        }
    }

    @Test
    void commandsAreRefusedWhateverTheyAre() throws Exception {
        try (SSHClient ssh = Sftp.sshj(app, vendor.sftpUser(), vendor.sftpPassword())) {
            for (String command : List.of("ls /", "id", "scp -t .", "scp -t users.csv", "sftp-server", "internal-sftp",
                    "/usr/lib/openssh/sftp-server", "rsync --server -e.Lsfx . .")) {
                try (Session session = ssh.startSession()) {
                    assertRefused(() -> session.exec(command), "exec " + command);
                }
            }
        }
        assertInboxEmpty();
    }

    @Test
    void openSshsShellCommandAndLegacyScpAreRefused(@TempDir Path work) throws Exception {
        Files.writeString(work.resolve("users.csv"), "sourcedId\nu1\n");
        Sftp.Result shell = ssh(work, List.of("-T"));
        assertEquals(255, shell.exitCode(), shell.output());
        assertTrue(shell.output().contains("shell request failed"), shell.output());

        Sftp.Result ls = ssh(work, List.of(), "ls", "/");
        assertEquals(255, ls.exitCode(), ls.output());
        assertTrue(ls.output().contains("exec request failed"), ls.output());

        List<String> scp = new ArrayList<>(List.of("scp", "-O", "-P", Integer.toString(app.sftpPort())));
        scp.addAll(Sftp.OPENSSH_OPTIONS);
        scp.addAll(List.of("users.csv", vendor.sftpUser() + "@127.0.0.1:users.csv"));
        Sftp.Result legacy = Sftp.run(scp, vendor.sftpPassword(), work);
        assertNotEquals(0, legacy.exitCode(), legacy.output());
        assertTrue(legacy.output().contains("exec request failed"), legacy.output());
        assertInboxEmpty();
    }

    @Test
    void localForwardingNeverReachesTheTarget() throws Exception {
        try (SSHClient ssh = Sftp.sshj(app, vendor.sftpUser(), vendor.sftpPassword())) {
            for (String host : List.of("127.0.0.1", "localhost", "::1")) {
                OpenFailException refused = assertThrows(OpenFailException.class,
                        () -> ssh.newDirectConnection(host, target.getLocalPort()).close(), "direct-tcpip to " + host);
                assertEquals(OpenFailException.Reason.ADMINISTRATIVELY_PROHIBITED, refused.getReason(), refused.toString());
            }
            ssh.newSFTPClient().close();
        }
        assertTargetNeverConnected();
    }

    @Test
    void openSshsLocalForwardingNeverReachesTheTarget(@TempDir Path work) throws Exception {
        int local;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            local = free.getLocalPort();
        }
        Process ssh = startSsh(work, List.of("-N", "-L", "127.0.0.1:" + local + ":127.0.0.1:" + target.getLocalPort()));
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (InputStream in = ssh.getInputStream()) {
                for (int c; (c = in.read()) != -1; ) {
                    output.append((char) c);
                }
            } catch (IOException closed) {
                // destroyed
            }
        });
        reader.start();
        try (Socket tunnel = connectWhenListening(local, ssh, output)) {
            tunnel.setSoTimeout(10_000);
            tunnel.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
            int first;
            try {
                first = tunnel.getInputStream().read();
            } catch (java.net.SocketException reset) {
                first = -1;
            }
            assertEquals(-1, first, "the tunnel ends at once, without a byte");
            for (int i = 0; i < 100 && !output.toString().contains("administratively prohibited"); i++) {
                Thread.sleep(20);
            }
        } finally {
            // SIGKILL: OpenSSH's client sometimes lets a SIGTERM wait, and the test would wait out its timeouts with it
            ssh.destroyForcibly();
            ssh.waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
        }
        assertTrue(output.toString().contains("open failed: administratively prohibited"), output.toString());
        assertTargetNeverConnected();
    }

    @Test
    void remoteForwardingIsRefusedAndOpensNoPort(@TempDir Path work) throws Exception {
        Set<String> before = listeningSockets();
        try (SSHClient ssh = Sftp.sshj(app, vendor.sftpUser(), vendor.sftpPassword())) {
            RemotePortForwarder forwarder = ssh.getRemotePortForwarder();
            for (RemotePortForwarder.Forward forward : List.of(new RemotePortForwarder.Forward(0),
                    new RemotePortForwarder.Forward("127.0.0.1", 0), new RemotePortForwarder.Forward("0.0.0.0", 42_000))) {
                assertThrows(ConnectionException.class, () -> forwarder.bind(forward, new SocketForwardingConnectListener(
                        new InetSocketAddress("127.0.0.1", target.getLocalPort()))), "tcpip-forward " + forward);
            }
            Thread.sleep(200);
            // while the session is open: a port opened for it would close with it
            assertEquals(before, listeningSockets(), "no port was opened for the vendor");
            ssh.newSFTPClient().close();
        }
        Sftp.Result openssh = ssh(work, List.of("-N", "-o", "ExitOnForwardFailure=yes", "-R",
                "127.0.0.1:0:127.0.0.1:" + target.getLocalPort()));
        assertEquals(255, openssh.exitCode(), openssh.output());
        assertTrue(openssh.output().contains("remote port forwarding failed"), openssh.output());
        assertEquals(before, listeningSockets(), "no port was opened for the vendor");
        assertTargetNeverConnected();
    }

    @Test
    void agentAndX11ForwardingAreRefusedAndCreateNoSocket() throws Exception {
        Set<String> before = listeningSockets();
        try (SSHClient ssh = Sftp.sshj(app, vendor.sftpUser(), vendor.sftpPassword())) {
            try (RawSession session = new RawSession(ssh)) {
                session.open();
                Event<ConnectionException> agent = session.request("auth-agent-req@openssh.com");
                assertThrows(ConnectionException.class, () -> agent.await(10, TimeUnit.SECONDS), "auth-agent-req");
                assertRefused(() -> session.reqX11Forwarding("MIT-MAGIC-COOKIE-1", "00112233445566778899aabbccddeeff", 0),
                        "x11-req");
                // an agent is of use only to a shell or a command, and these stay refused on that very channel
                assertRefused(session::startShell, "shell after auth-agent-req");
                Thread.sleep(200);
                // while the session is open: a socket made for it would close with it
                assertEquals(before, listeningSockets(), "no agent or X11 socket was created");
            }
            ssh.newSFTPClient().close();
        }
    }

    /** A session channel that can send any channel request, as a client with its own ideas would. */
    private static final class RawSession extends SessionChannel {

        RawSession(SSHClient ssh) {
            super(ssh.getConnection());
        }

        Event<ConnectionException> request(String type) throws IOException {
            return sendChannelRequest(type, true, new Buffer.PlainBuffer());
        }
    }

    private interface Request {
        void send() throws IOException;
    }

    /** The server answered the channel request with a failure (sshj throws ConnectionException "...request failed"). */
    private static void assertRefused(Request request, String what) {
        ConnectionException e = assertThrows(ConnectionException.class, request::send, what);
        assertTrue(String.valueOf(e.getMessage()).contains("failed"), what + ": " + e);
    }

    private void assertInboxEmpty() throws IOException {
        try (Stream<Path> files = Files.list(app.context().getBean(Inbox.class).folder(vendor.sourceId()))) {
            assertEquals(List.of(), files.toList(), "no file reached the inbox");
        }
    }

    private void assertTargetNeverConnected() throws InterruptedException {
        Thread.sleep(200); // a connection the server made would be accepted by now
        assertEquals(0, targetConnections.get(), "the server connected to the vendor's target");
    }

    /** OpenSSH's ssh to the vendor's account, waited for. */
    private Sftp.Result ssh(Path work, List<String> options, String... command) throws Exception {
        return Sftp.run(sshCommand(options, command), vendor.sftpPassword(), work);
    }

    private Process startSsh(Path work, List<String> options) throws IOException {
        return Sftp.startWithPassword(sshCommand(options), vendor.sftpPassword(), work);
    }

    private List<String> sshCommand(List<String> options, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-p", Integer.toString(app.sftpPort())));
        cmd.addAll(Sftp.OPENSSH_OPTIONS);
        cmd.addAll(options);
        cmd.add(vendor.sftpUser() + "@127.0.0.1");
        cmd.addAll(List.of(command));
        return cmd;
    }

    /** OpenSSH listens on its forwarded port once logged in. */
    private static Socket connectWhenListening(int port, Process ssh, StringBuffer output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            assertTrue(ssh.isAlive(), () -> "ssh ended: " + output);
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("ssh did not listen on " + port);
    }

    /**
     * The sockets this JVM (client, server and all) listens on, as "tcp PORT" or "unix PATH": TCP in LISTEN and Unix
     * sockets accepting connections. A forwarded port or an agent socket the server opened for the vendor is one more.
     */
    private static Set<String> listeningSockets() throws IOException {
        Set<Long> mine = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        mine.add(Long.parseLong(link.substring(8, link.length() - 1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one closed since
                }
            }
        }
        Set<String> listening = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc/net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && mine.contains(Long.parseLong(f[9]))) {
                    listening.add("tcp " + Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        List<String> unix = Files.readAllLines(Path.of("/proc/net/unix"));
        for (String line : unix.subList(1, unix.size())) {
            String[] f = line.trim().split("\\s+");
            if ((Long.parseLong(f[3], 16) & 0x10000) != 0 && mine.contains(Long.parseLong(f[6]))) {
                listening.add("unix " + (f.length > 7 ? f[7] : "(unnamed)"));
            }
        }
        return listening;
    }
}
