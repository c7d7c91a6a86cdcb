package org.rostersync.intake.remote;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One SFTP session with a remote server, opened step by step (name lookup, connect, host key, authentication, folder),
 * each with a bounded wait, so that a failure names its step and an unreachable server fails in seconds. The client is
 * MINA SSHD's with nothing of the machine's: no ~/.ssh/config, no ~/.ssh keys, no agent.
 */
final class RemoteSession implements AutoCloseable {

    /** Hears each step that went well, with what it found. */
    interface Steps {
        void ok(Step step, String message);
    }

    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;
    private final String folder;
    private final String hostKey;

    private RemoteSession(SshClient client, ClientSession session, SftpClient sftp, String folder, String hostKey) {
        this.client = client;
        this.session = session;
        this.sftp = sftp;
        this.folder = folder;
        this.hostKey = hostKey;
    }

    /**
     * Connects, checks the host key, logs in and finds the folder.
     *
     * @param seen receives the host key fingerprint the server showed, as soon as it is known (also when it is refused)
     */
    static RemoteSession open(Target target, Steps steps, AtomicReference<String> seen) throws StepFailure {
        InetAddress address = lookUp(target);
        steps.ok(Step.NAME_LOOKUP, target.host() + " is " + address.getHostAddress());
        SshClient client = client(target, seen);
        ClientSession session = null;
        try {
            client.start();
            session = connect(client, target, address);
            steps.ok(Step.CONNECT, "connected to " + address.getHostAddress() + ":" + target.port());
            String hostKey = keyExchange(session, target, seen);
            steps.ok(Step.HOST_KEY, target.pinnedFingerprint() == null
                    ? "first contact: the server's host key is " + hostKey
                    : "the server's host key is the pinned " + hostKey);
            authenticate(session, target);
            steps.ok(Step.AUTHENTICATION, "logged in as " + target.username());
            SftpClient sftp = sftp(session, target);
            String folder = folder(sftp, target);
            steps.ok(Step.FOLDER, "the folder is " + folder);
            return new RemoteSession(client, session, sftp, folder, hostKey);
        } catch (StepFailure | RuntimeException e) {
            closeQuietly(session);
            client.stop();
            throw e;
        }
    }

    String folder() {
        return folder;
    }

    String hostKey() {
        return hostKey;
    }

    /** The regular files of the folder whose names the patterns match, by name. */
    List<RemoteFile> list(FilePatterns patterns) throws StepFailure {
        List<RemoteFile> files = new ArrayList<>();
        try {
            for (SftpClient.DirEntry entry : sftp.readDir(folder)) {
                SftpClient.Attributes a = entry.getAttributes();
                if (!patterns.matches(entry.getFilename())) {
                    continue;
                }
                if (a.isSymbolicLink()) {
                    a = followed(entry.getFilename());
                }
                if (a != null && a.isRegularFile()) {
                    Instant modified = a.getModifyTime() == null ? null : a.getModifyTime().toInstant();
                    files.add(new RemoteFile(entry.getFilename(), a.getSize(), modified));
                }
            }
        } catch (IOException e) {
            throw new StepFailure(Step.FILES, "cannot list the folder " + folder + ": " + StepFailure.why(e), !(e instanceof SftpException), e);
        }
        files.sort(Comparator.comparing(RemoteFile::name));
        return files;
    }

    /** What a link in the folder points at; null when it leads nowhere (then it is not a file to fetch). */
    private SftpClient.Attributes followed(String name) throws IOException {
        try {
            return sftp.stat(path(name));
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Downloads one file to {@code to} and returns the SHA-256 of its bytes; the size read must be the size listed, so
     * that a file the server is still writing is not taken half.
     */
    String download(RemoteFile file, Path to) throws StepFailure {
        try (InputStream in = sftp.read(path(file.name()));
             DigestOutputStream out = new DigestOutputStream(Files.newOutputStream(privateFile(to)), MessageDigest.getInstance("SHA-256"))) {
            long read = copy(in, out, file.size() + 1);
            out.flush();
            if (read != file.size()) {
                throw new StepFailure(Step.DOWNLOAD, file.name() + " changed while it was fetched: listed with " + file.size()
                        + " bytes, " + (read > file.size() ? "more" : read) + " read (is it still being written?)", true, null);
            }
            return HexFormat.of().formatHex(out.getMessageDigest().digest());
        } catch (IOException e) {
            throw new StepFailure(Step.DOWNLOAD, "cannot fetch " + path(file.name()) + ": " + StepFailure.why(e), true, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The file, made 600 if new: the inbox is its service user's alone. */
    private static Path privateFile(Path to) throws IOException {
        if (!Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            org.rostersync.config.PrivateFiles.newFile(to);
        }
        return to;
    }

    /** Copies at most {@code limit} bytes: a server sending more than it listed cannot fill the disk. */
    private static long copy(InputStream in, java.io.OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        int n;
        while (copied < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied))) > 0) {
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    void remove(RemoteFile file) throws IOException {
        sftp.remove(path(file.name()));
    }

    private String path(String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // closing the session ends the channel anyway
        }
        closeQuietly(session);
        client.stop();
    }

    private static InetAddress lookUp(Target target) throws StepFailure {
        try {
            return InetAddress.getByName(target.host());
        } catch (UnknownHostException e) {
            throw new StepFailure(Step.NAME_LOOKUP, "cannot find the address of " + target.host() + ": no such host name"
                    + " (check its spelling and this machine's DNS)", true, e);
        }
    }

    private static SshClient client(Target target, AtomicReference<String> seen) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
        client.setServerKeyVerifier((session, remote, key) -> verify(target, key, seen));
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, target.connectTimeout());
        CoreModuleProperties.AUTH_TIMEOUT.set(client, target.timeout());
        // a server that stops answering mid-transfer ends the session instead of holding the run
        CoreModuleProperties.IDLE_TIMEOUT.set(client, target.timeout());
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, target.timeout().plusSeconds(5));
        CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(client, target.timeout());
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, target.timeout());
        return client;
    }

    /** Accepts the server's key when it is the pinned one, or on first contact when nothing is pinned. */
    private static boolean verify(Target target, PublicKey key, AtomicReference<String> seen) {
        String fingerprint = KeyUtils.getFingerPrint(key);
        seen.set(fingerprint);
        return target.pinnedFingerprint() == null || target.pinnedFingerprint().equals(fingerprint);
    }

    private static ClientSession connect(SshClient client, Target target, InetAddress address) throws StepFailure {
        String where = target.host() + ":" + target.port() + " (" + address.getHostAddress() + ")";
        try {
            ConnectFuture future = client.connect(target.username(), new InetSocketAddress(address, target.port()));
            if (!future.await(target.connectTimeout())) {
                future.cancel();
                throw new StepFailure(Step.CONNECT, "cannot connect to " + where + ": no answer within "
                        + target.connectTimeout().toSeconds() + " s (a firewall, or the wrong host or port)", true, null);
            }
            if (future.getException() != null) {
                throw new StepFailure(Step.CONNECT, "cannot connect to " + where + ": " + StepFailure.why(future.getException()),
                        true, future.getException());
            }
            return future.getSession();
        } catch (IOException e) {
            throw new StepFailure(Step.CONNECT, "cannot connect to " + where + ": " + StepFailure.why(e), true, e);
        }
    }

    /** Waits for the key exchange: the verifier has then accepted or refused the server's host key. */
    private static String keyExchange(ClientSession session, Target target, AtomicReference<String> seen) throws StepFailure {
        Set<ClientSession.ClientSessionEvent> state = session.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.WAIT_AUTH,
                ClientSession.ClientSessionEvent.CLOSED), target.connectTimeout());
        String fingerprint = seen.get();
        if (fingerprint != null && target.pinnedFingerprint() != null && !target.pinnedFingerprint().equals(fingerprint)) {
            throw new StepFailure(Step.HOST_KEY, "the server's host key is " + fingerprint + ", but " + target.pinnedFingerprint()
                    + " is pinned: refused, nothing was sent. If the server's key really changed, check the new one with its"
                    + " administrator and pin it (or clear hostKeyFingerprint)", false, null);
        }
        if (state.contains(ClientSession.ClientSessionEvent.CLOSED) || !state.contains(ClientSession.ClientSessionEvent.WAIT_AUTH)
                || fingerprint == null) {
            String why = state.contains(ClientSession.ClientSessionEvent.CLOSED)
                    ? "the server closed the connection during the key exchange (not an SSH server, or no algorithm in common)"
                    : "the server did not complete the SSH handshake (version and key exchange) within "
                    + target.connectTimeout().toSeconds() + " s: is it an SSH server?";
            throw new StepFailure(Step.HOST_KEY, why, true, null);
        }
        return fingerprint;
    }

    private static void authenticate(ClientSession session, Target target) throws StepFailure {
        if (target.password() != null) {
            session.addPasswordIdentity(target.password());
        }
        target.keys().forEach(session::addPublicKeyIdentity);
        String with = target.password() != null && !target.keys().isEmpty() ? "password or private key"
                : target.password() != null ? "password" : "private key " + KeyUtils.getFingerPrint(target.keys().get(0).getPublic());
        try {
            if (!session.auth().verify(target.timeout()).isSuccess()) {
                throw new StepFailure(Step.AUTHENTICATION, "the server refused " + target.username() + "'s " + with, false, null);
            }
        } catch (IOException e) {
            throw new StepFailure(Step.AUTHENTICATION, "the server refused " + target.username() + "'s " + with + ": "
                    + StepFailure.why(e), false, e);
        }
    }

    private static SftpClient sftp(ClientSession session, Target target) throws StepFailure {
        try {
            return SftpClientFactory.instance().createSftpClient(session);
        } catch (IOException e) {
            throw new StepFailure(Step.FOLDER, "the server offers no SFTP to " + target.username() + ": " + StepFailure.why(e), false, e);
        }
    }

    /** The folder as an absolute path on the server; the login's home folder when none is set. */
    private static String folder(SftpClient sftp, Target target) throws StepFailure {
        String wanted = target.folder() == null ? "." : target.folder();
        String shown = target.folder() == null ? "the home folder" : "the folder " + target.folder();
        try {
            String path = sftp.canonicalPath(wanted);
            SftpClient.Attributes attributes = sftp.stat(path);
            if (!attributes.isDirectory()) {
                throw new StepFailure(Step.FOLDER, shown + " is not a folder on the server", false, null);
            }
            return path;
        } catch (SftpException e) {
            String why = switch (e.getStatus()) {
                case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH -> "does not exist on the server";
                case SftpConstants.SSH_FX_PERMISSION_DENIED -> "is not readable by " + target.username();
                default -> "cannot be opened: " + StepFailure.why(e);
            };
            throw new StepFailure(Step.FOLDER, shown + " " + why, false, e);
        } catch (IOException e) {
            throw new StepFailure(Step.FOLDER, shown + " cannot be opened: " + StepFailure.why(e), true, e);
        }
    }

    private static void closeQuietly(ClientSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (IOException ignored) {
                // the client stops right after
            }
        }
    }
}
