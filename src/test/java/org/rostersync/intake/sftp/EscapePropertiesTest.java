package org.rostersync.intake.sftp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import net.schmizz.concurrent.Promise;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.PacketType;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPEngine;
import net.schmizz.sshj.sftp.SFTPException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.rostersync.support.Sftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten thousand generated paths, built from the pieces escapes are made of ({@code ..}, separators and their encoded,
 * backslashed and Unicode look-alike forms, NUL, {@code ~}) and the names of things that really exist outside the inbox
 * (the data directory's folders, another source's inbox and its file, an upload in progress, the host key, /etc/passwd).
 * For each, stat, lstat, opendir, open for reading, realpath and readlink answer exactly as they do for the same path
 * with every real name swapped for a missing one (no existence oracle), unless the path is the vendor's own root or own
 * file; realpath always answers a normalized path inside the root; and opening for writing creates nothing anywhere but
 * an allowed name in the vendor's own inbox. The corpus test has the hand-picked cases; this one has the combinations.
 */
@ExtendWith(RunningApp.class)
class EscapePropertiesTest {

    private static final int PATHS = 10_000;
    private static final int READ = 0x01;
    private static final int WRITE_CREATE_TRUNCATE = 0x02 | 0x08 | 0x10;

    /** A piece of a path: its text, and whether it names something that exists somewhere (the twin swaps it out). */
    record Piece(String text, boolean real) {
    }

    @Test
    void noGeneratedPathReadsWritesOrRevealsAnythingOutsideTheInbox(RunningApp.App app) throws Exception {
        long seed = Long.getLong("escape.seed", new Random().nextLong());
        Fixture mine = Fixture.create(app, "Generated escapes district");
        Fixture other = Fixture.create(app, "Generated victim district");
        Inbox inbox = app.context().getBean(Inbox.class);
        byte[] secret = ("sourcedId,status\nsecret-" + seed + ",active\n").getBytes(StandardCharsets.UTF_8);
        byte[] own = "sourcedId\nmine\n".getBytes(StandardCharsets.UTF_8);
        try (SSHClient victim = Sftp.sshj(app, other.sftpUser(), other.sftpPassword()); SFTPClient victimSftp = victim.newSFTPClient();
             SSHClient ssh = Sftp.sshj(app, mine.sftpUser(), mine.sftpPassword()); SFTPClient sftp = ssh.newSFTPClient()) {
            // the other source's complete file, and an upload of its own still in progress, both through its own login
            write(victimSftp, "users.csv", secret);
            RemoteFile inProgress = victimSftp.open("classes.csv", EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC));
            inProgress.write(0, secret, 0, secret.length);
            write(sftp, "orgs.csv", own);

            Map<Path, Long> before = outsideMyInbox(app, mine);
            Set<String> realNames = realNames(app, other);
            Random random = new Random(seed);
            List<List<Piece>> corpus = new ArrayList<>();
            // a jqwik session outside a property, so that the paths come from a seed of the test's
            JqwikSession.start(Long.toString(seed));
            try {
                var generator = paths(realNames).generator(1000);
                for (int i = 0; i < PATHS; i++) {
                    corpus.add(generator.next(random).value());
                }
            } finally {
                JqwikSession.finish();
            }

            Set<String> mineNow = new HashSet<>(Set.of("orgs.csv"));
            List<String> problems = new ArrayList<>();
            Set<String> distinct = new HashSet<>();
            Window window = new Window(sftp.getSFTPEngine());
            ArrayDeque<Probe> pending = new ArrayDeque<>();
            for (List<Piece> pieces : corpus) {
                String path = text(pieces, Map.of());
                distinct.add(path);
                Probe probe = new Probe(path, text(pieces, twinNames(pieces, random)));
                probe.ask(window, mineNow);
                pending.add(probe);
                // a probe is judged once all its answers are in, with every file the vendor has made by then
                while (!pending.isEmpty() && pending.peek().answered()) {
                    problems.addAll(pending.poll().problems(mineNow));
                }
                if (problems.size() > 20) {
                    break;
                }
            }
            window.drain();
            pending.forEach(probe -> problems.addAll(probe.problems(mineNow)));
            assertEquals(List.of(), problems, "seed " + seed + " (mvn test -Dtest=EscapePropertiesTest -DargLine=-Descape.seed=" + seed + " repeats it)");
            assertTrue(distinct.size() > PATHS / 2, distinct.size() + " distinct paths of " + PATHS);

            assertEquals(before, outsideMyInbox(app, mine), "seed " + seed + ": nothing was created or changed outside the vendor's inbox");
            inProgress.close();
        }
        assertArrayEquals(secret, Files.readAllBytes(inbox.folder(other.sourceId()).resolve("users.csv")));
        assertArrayEquals(secret, Files.readAllBytes(inbox.folder(other.sourceId()).resolve("classes.csv")));
        try (Stream<Path> files = Files.list(inbox.folder(mine.sourceId()))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                assertTrue(UploadNames.refusal(name).isEmpty() && Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS),
                        "seed " + seed + ": only files of allowed names were written, and only here: " + name);
            }
        }
    }

    /**
     * Requests in flight on one SFTP channel, at most {@value #WINDOW}: each one answered makes room for the next, so the
     * client always has something to send and its acknowledgements go at once (the server does not set TCP_NODELAY, and
     * a batch-then-wait client stalls on every delayed acknowledgement). A handle in an answer is closed at once; the
     * window keeps the handles open below the 64 a session may hold.
     */
    private static final class Window {

        static final int WINDOW = 48;

        private final SFTPEngine engine;
        private final ArrayDeque<Map.Entry<Promise<Response, SFTPException>, java.util.function.Consumer<Answer>>> inFlight =
                new ArrayDeque<>();

        Window(SFTPEngine engine) {
            this.engine = engine;
        }

        void ask(PacketType type, String path, int openFlags, java.util.function.Consumer<Answer> then) throws IOException {
            var request = engine.newRequest(type).putString(path);
            if (type == PacketType.OPEN) {
                request.putUInt32(openFlags).putUInt32(0);
            }
            send(request, then);
        }

        private void send(net.schmizz.sshj.sftp.Request request, java.util.function.Consumer<Answer> then) throws IOException {
            while (inFlight.size() >= WINDOW) {
                answerOldest();
            }
            inFlight.add(Map.entry(engine.request(request), then));
        }

        private void answerOldest() throws IOException {
            var oldest = inFlight.poll();
            Response r = oldest.getKey().retrieve(30, TimeUnit.SECONDS);
            Answer answer = Answer.of(r);
            if (answer.handle() != null) {
                inFlight.add(Map.entry(engine.request(engine.newRequest(PacketType.CLOSE).putString(answer.handle())), ignored -> { }));
            }
            oldest.getValue().accept(answer);
        }

        void drain() throws IOException {
            while (!inFlight.isEmpty()) {
                answerOldest();
            }
        }
    }

    /** The six reading requests of one path and of its twin, and the opening for writing of the path. */
    private static final class Probe {

        private static final List<PacketType> LOOKUPS = List.of(PacketType.STAT, PacketType.LSTAT, PacketType.OPENDIR,
                PacketType.OPEN, PacketType.REALPATH, PacketType.READLINK);

        private final String path;
        private final String twin;
        private final Map<PacketType, Answer> answers = new TreeMap<>();
        private final Map<PacketType, Answer> twinAnswers = new TreeMap<>();
        private Answer written;

        Probe(String path, String twin) {
            this.path = path;
            this.twin = twin;
        }

        /** Sends the requests; an opening for writing that succeeds makes a file of the vendor's (once closed). */
        void ask(Window window, Set<String> mine) throws IOException {
            for (PacketType type : LOOKUPS) {
                window.ask(type, path, READ, a -> answers.put(type, a));
                window.ask(type, twin, READ, a -> twinAnswers.put(type, a));
            }
            window.ask(PacketType.OPEN, path, WRITE_CREATE_TRUNCATE, a -> {
                written = a;
                String name = rootName(path);
                if (a.success() && name != null) {
                    mine.add(name);
                }
            });
        }

        boolean answered() {
            return written != null;
        }

        List<String> problems(Set<String> mine) {
            List<String> problems = new ArrayList<>();
            // the root, and a path through the vendor's own files, may answer otherwise than a missing path
            boolean own = touchesOwn(path, mine);
            for (PacketType type : LOOKUPS) {
                Answer answer = answers.get(type);
                Answer missing = twinAnswers.get(type);
                if (!own && !answer.sameAs(missing)) {
                    problems.add(type + " " + show(path) + " → " + answer + ", but " + show(twin) + " → " + missing);
                }
            }
            Answer real = answers.get(PacketType.REALPATH);
            if (real.name() != null && !isNormalizedInside(real.name())) {
                problems.add("REALPATH " + show(path) + " → " + show(real.name()) + ", not a normalized path inside the root");
            }
            if (written.success()) {
                String name = rootName(path);
                if (name == null || UploadNames.refusal(name).isPresent()) {
                    problems.add("OPEN for writing " + show(path) + " succeeded");
                }
            }
            return problems;
        }

        private static boolean isNormalizedInside(String name) {
            return name.equals("/" + String.join("/", lexical(name)));
        }
    }

    /** One answer, as a vendor sees it: a status with its code and message, or the kind of success. */
    record Answer(String kind, Response.StatusCode status, String message, String name, byte[] handle) {

        static Answer of(Response r) throws IOException {
            try {
                return switch (r.getType()) {
                    case STATUS -> new Answer("STATUS", r.readStatusCode(), r.readString(), null, null);
                    case HANDLE -> new Answer("HANDLE", null, null, null, r.readStringAsBytes());
                    case NAME -> {
                        long count = r.readUInt32();
                        yield new Answer("NAME " + count, null, null, count == 1 ? r.readString() : null, null);
                    }
                    default -> new Answer(r.getType().toString(), null, null, null, null);
                };
            } catch (net.schmizz.sshj.common.Buffer.BufferException e) {
                throw new IOException("a malformed answer", e);
            }
        }

        boolean success() {
            return status == null || status == Response.StatusCode.OK;
        }

        /** Realpath answers a name of the path it was asked: the names differ, what they tell must not. */
        boolean sameAs(Answer other) {
            return kind.equals(other.kind) && status == other.status && java.util.Objects.equals(message, other.message);
        }

        @Override
        public String toString() {
            return status != null ? status + " '" + message + "'" : kind + (name != null ? " " + show(name) : "");
        }
    }

    /** Paths of up to six pieces joined by separators, with a prefix and a suffix. */
    static Arbitrary<List<Piece>> paths(Set<String> realNames) {
        Arbitrary<Piece> structural = Arbitraries.of("..", ".", "", "...", "....", "%2e%2e", "%2e", "%2E%2E", ".%2e", "%2f", "%5c",
                        "\\", "..\\", "..\\..", "\u2024\u2024", "\u2024", "\uff0e\uff0e", "\uff0e", "\u2215", "\uff0f", "~", "~root",
                        "..;", "%c0%af", "%c0%ae%c0%ae", "..\u0000", "\u0000", "a", "zz", "users.csv.filepart", "manifest.csv",
                        "Users.csv", "users.csv\u0000.zip", "%00", " ", "..%00")
                .map(t -> new Piece(t, false));
        Arbitrary<Piece> real = Arbitraries.of(List.copyOf(realNames)).map(t -> new Piece(t, true));
        Arbitrary<Piece> piece = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, structural), net.jqwik.api.Tuple.of(2, real));
        Arbitrary<Piece> separator = Arbitraries.of("/", "/", "/", "//", "\\", "/./", "/../", "%2f", "\u2215", "\uff0f", "/\u0000/")
                .map(t -> new Piece(t, false));
        Arbitrary<Piece> prefix = Arbitraries.of("", "", "/", "//", "./", "../", "../../", "/../../../../../../", "~/", "\\", "/./",
                "\uff0e\uff0e/").map(t -> new Piece(t, false));
        Arbitrary<Piece> suffix = Arbitraries.of("", "", "", "/", "/.", "/..", "\u0000", "\\", "/%2e%2e").map(t -> new Piece(t, false));
        Arbitrary<List<List<Piece>>> body = Combinators.combine(separator, piece).as((sep, next) -> List.of(sep, next))
                .list().ofMinSize(0).ofMaxSize(5);
        return Combinators.combine(prefix, piece, body, suffix).as((p, first, rest, s) -> {
            List<Piece> all = new ArrayList<>(List.of(p, first));
            rest.forEach(all::addAll);
            all.add(s);
            return all;
        });
    }

    /** Every real name of the path swapped for a missing one (the same name for the same real name). */
    private static Map<String, String> twinNames(List<Piece> pieces, Random random) {
        Map<String, String> names = new HashMap<>();
        for (Piece piece : pieces) {
            if (piece.real()) {
                names.computeIfAbsent(piece.text(), t -> "missing-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
            }
        }
        return names;
    }

    private static String text(List<Piece> pieces, Map<String, String> swapped) {
        StringBuilder out = new StringBuilder();
        for (Piece piece : pieces) {
            out.append(piece.real() ? swapped.getOrDefault(piece.text(), piece.text()) : piece.text());
        }
        return out.toString();
    }

    /**
     * The path's names once normalized as the server's virtual root does, lexically: "." dropped, ".." taking one name
     * off and none above the root; only "/" separates (on Linux a backslash or a look-alike is part of a name), and NUL
     * is a character like another here (the server answers for such a path as for any other).
     */
    static List<String> lexical(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/", -1)) {
            if (name.equals("..")) {
                if (!names.isEmpty()) {
                    names.remove(names.size() - 1);
                }
            } else if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Whether the path is the root, or passes through one of the vendor's own files on its way (the server resolves
     * {@code users.csv/../x} on disk, where users.csv is a file: that tells the vendor about its own file only). Realpath
     * first trims the path as {@link String#trim} does (spaces and control characters, NUL too, at either end), the
     * other requests take it as it is: either way counts.
     */
    static boolean touchesOwn(String path, Set<String> mine) {
        return walksThroughOwn(path, mine) || walksThroughOwn(path.trim(), mine);
    }

    private static boolean walksThroughOwn(String path, Set<String> mine) {
        String[] parts = path.split("/", -1);
        for (int i = 1; i <= parts.length; i++) {
            List<String> names = lexical(String.join("/", java.util.Arrays.copyOf(parts, i)));
            if (names.size() == 1 && mine.contains(names.get(0))) {
                return true;
            }
        }
        return lexical(path).isEmpty();
    }

    /** The name of the file at the root the path is, or null. */
    private static String rootName(String path) {
        List<String> names = lexical(path);
        return names.size() == 1 ? names.get(0) : null;
    }

    /** The names of what exists outside the vendor's inbox: the data directory's, the other inbox's, and the system's. */
    private static Set<String> realNames(RunningApp.App app, Fixture other) throws IOException {
        Set<String> names = new TreeSet<>(Set.of("etc", "passwd", "shadow", "hostname", "proc", "self", "environ", "root", "tmp",
                "inbox", "users.csv", "classes.csv", "orgs.csv", other.sourceId().toString(), app.dataDir().getFileName().toString(),
                "test-data", "target"));
        try (Stream<Path> walk = Files.walk(app.dataDir(), 2)) {
            walk.filter(p -> !p.equals(app.dataDir())).forEach(p -> names.add(p.getFileName().toString()));
        }
        try (Stream<Path> uploading = Files.list(app.dataDir().resolve("inbox").resolve(".uploading"))) {
            uploading.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertTrue(names.stream().anyMatch(n -> n.startsWith(other.sourceId() + ".") && n.endsWith(".part")),
                "the other source's upload in progress is one of the names: " + names);
        return new LinkedHashSet<>(names);
    }

    /**
     * Every file and folder of the data directory but the vendor's own inbox and the database's cluster (PostgreSQL
     * writes there as it likes), with the size of each file.
     */
    private static Map<Path, Long> outsideMyInbox(RunningApp.App app, Fixture mine) throws IOException {
        Path myInbox = app.dataDir().resolve("inbox").resolve(mine.sourceId().toString());
        Map<Path, Long> found = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(app.dataDir())) {
            walk.filter(p -> !p.startsWith(myInbox) && !app.dataDir().relativize(p).toString().startsWith("postgres-"))
                    .forEach(p -> found.put(p, Files.isDirectory(p) ? -1 : p.toFile().length()));
        }
        return found;
    }

    private static void write(SFTPClient sftp, String name, byte[] bytes) throws IOException {
        try (RemoteFile file = sftp.open(name, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
            file.write(0, bytes, 0, bytes.length);
        }
    }

    /** A path as Java would write it, so that NUL and look-alikes show in a failure message. */
    private static String show(String path) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : path.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append('"').toString();
    }
}
