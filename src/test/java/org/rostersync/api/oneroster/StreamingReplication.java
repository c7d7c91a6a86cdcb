package org.rostersync.api.oneroster;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's PostgreSQL 15 as a primary and its streaming replica, each a child server on a free loopback port, with
 * data, sockets and logs in a temporary folder of their own (owned by {@code postgres}: PostgreSQL refuses to run as
 * root). Every statement either server runs is in its log ({@code log_statement = all}), so a test can tell which one
 * answered a read. Passwords over TCP (SCRAM); the replica streams over the primary's socket.
 */
final class StreamingReplication implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final String USER = "postgres";
    static final String DATABASE = "rostersync";

    final String password = "pw-" + UUID.randomUUID();
    private final Path dir;
    private final int primaryPort;
    private final int replicaPort;

    private StreamingReplication(Path dir, int primaryPort, int replicaPort) {
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
    }

    /**
     * Starts both. CI (CI=true) installs postgresql-15 and must run these tests, so there missing binaries fail; on a
     * newcomer's machine the test is skipped, saying what to install.
     */
    static StreamingReplication start() throws IOException, InterruptedException, SQLException {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            String why = BIN.resolve("initdb") + " is not installed (Debian: apt-get install postgresql-15)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        Path dir = Files.createTempDirectory("rostersync-replication-");
        StreamingReplication servers = new StreamingReplication(dir, freePort(), freePort());
        try {
            servers.initPrimary();
            servers.startServer("primary", servers.primaryPort);
            try (Connection c = servers.connect(servers.primaryPort, "postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
            servers.run(BIN.resolve("pg_basebackup").toString(), "-D", dir.resolve("replica").toString(), "-R",
                    "-h", dir.resolve("sock").toString(), "-p", Integer.toString(servers.primaryPort), "-U", USER,
                    "--checkpoint=fast", "--no-sync");
            servers.startServer("replica", servers.replicaPort);
            return servers;
        } catch (IOException | InterruptedException | SQLException | RuntimeException | AssertionError e) {
            servers.close();
            throw e;
        }
    }

    private void initPrimary() throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("sock"));
        Path passwordFile = Files.writeString(dir.resolve("password"), password + "\n");
        giveToPostgres(dir, dir.resolve("sock"), passwordFile);
        run(BIN.resolve("initdb").toString(), "-D", dir.resolve("primary").toString(), "-U", USER, "-E", "UTF8", "--locale=C",
                "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + passwordFile, "--no-sync");
        Files.writeString(dir.resolve("primary").resolve("postgresql.conf"), String.join("\n", "",
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + dir.resolve("sock") + "'",
                "wal_level = replica",
                "max_wal_senders = 4",
                "hot_standby = on",
                "max_connections = 60",
                "fsync = off",
                "log_statement = 'all'",
                ""), StandardOpenOption.APPEND);
        // initdb's own pg_hba.conf already has this line for local replication; written out, it is the rule the test needs
        Files.writeString(dir.resolve("primary").resolve("pg_hba.conf"), "\nlocal replication " + USER + " trust\n",
                StandardOpenOption.APPEND);
    }

    /** The replica copied the primary's configuration: the port on the command line is what tells them apart. */
    private void startServer(String name, int port) throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve(name).toString(), "-l", dir.resolve(name + ".log").toString(),
                "-o", "-p " + port, "-w", "-t", "60", "start");
    }

    String primaryUrl() {
        return url(primaryPort);
    }

    String replicaUrl() {
        return url(replicaPort);
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    Connection primary() throws SQLException {
        return connect(primaryPort, DATABASE);
    }

    Connection replica() throws SQLException {
        return connect(replicaPort, DATABASE);
    }

    private Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, password);
    }

    /** What the server has logged so far ("primary" or "replica"). */
    String log(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
    }

    /** Waits until the replica has replayed everything the primary has written so far. */
    void awaitCaughtUp() throws SQLException, InterruptedException {
        String lsn;
        try (Connection c = primary(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()")) {
            rs.next();
            lsn = rs.getString(1);
        }
        awaitOnReplica("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '" + lsn + "') >= 0", "replay " + lsn);
    }

    void pauseReplay() throws SQLException, InterruptedException {
        try (Connection c = replica(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_pause()");
        }
        awaitOnReplica("SELECT pg_get_wal_replay_pause_state() = 'paused'", "pause its replay");
    }

    void resumeReplay() throws SQLException {
        try (Connection c = replica(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_resume()");
        }
    }

    void stopReplica() throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("replica").toString(), "-m", "fast", "-w", "stop");
    }

    void startReplica() throws IOException, InterruptedException {
        startServer("replica", replicaPort);
    }

    /**
     * Stops every process of the replica where it stands (SIGSTOP), as a machine that hangs or a network that drops its
     * packets would: its connections stay open, and nothing on them is answered, until {@link #thawReplica}.
     */
    void freezeReplica() throws IOException, InterruptedException {
        signalReplica("-STOP");
    }

    void thawReplica() throws IOException, InterruptedException {
        signalReplica("-CONT");
    }

    private void signalReplica(String signal) throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("replica").resolve("postmaster.pid")).get(0).strip());
        List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> command.add(Long.toString(p.pid())));
        run(command.toArray(String[]::new));
    }

    private void awaitOnReplica(String condition, String what) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        try (Connection c = replica(); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery(condition)) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the replica did not " + what + " within 30 s");
                }
                Thread.sleep(20);
            }
        }
    }

    @Override
    public void close() {
        for (String name : List.of("replica", "primary")) {
            if (Files.exists(dir.resolve(name).resolve("postmaster.pid"))) {
                try {
                    run(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve(name).toString(), "-m", "immediate", "-w", "stop");
                } catch (IOException | InterruptedException | AssertionError e) {
                    System.err.println("could not stop the " + name + ": " + e.getMessage());
                }
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a PostgreSQL program: as {@code postgres} when the tests run as root (CI), else as the user running them. */
    private void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (isRoot()) {
            line.addAll(List.of("runuser", "-u", USER, "--"));
        }
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", line) + " failed: " + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void giveToPostgres(Path... paths) throws IOException {
        if (!isRoot()) {
            return;
        }
        UserPrincipalLookupService users = paths[0].getFileSystem().getUserPrincipalLookupService();
        for (Path path : paths) {
            Files.setOwner(path, users.lookupPrincipalByName(USER));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
