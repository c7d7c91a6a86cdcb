package org.rostersync;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container image Maven built with Jib (target/rostersync-image.tar, OCI), read from the tarball as a runtime would
 * read it: its configuration (a user that is not root, the entrypoint, the two ports, the data volume), and its files
 * unpacked and run in a chroot as that user, with no Docker engine.
 */
class ContainerImageIT {

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static Map<String, byte[]> entries;
    private static Map<String, Object> config;

    @BeforeAll
    static void readTarball() throws IOException {
        if (Boolean.getBoolean("rostersync.image.skip")) {
            org.junit.jupiter.api.Assumptions.abort("the image was not built (-Dimage.skip, or not a Linux machine: see pom.xml)");
        }
        Path tarball = Path.of(System.getProperty("rostersync.image", "target/rostersync-image.tar"));
        assertTrue(Files.isRegularFile(tarball), tarball + " is built by verify (pre-integration-test): see pom.xml");
        entries = Tar.read(Files.readAllBytes(tarball));
        Map<String, Object> index = json(entries.get("index.json"));
        String manifestDigest = (String) ((Map<?, ?>) ((List<?>) index.get("manifests")).get(0)).get("digest");
        Map<String, Object> manifest = json(blob(manifestDigest));
        assertEquals("application/vnd.oci.image.manifest.v1+json", manifest.get("mediaType"));
        config = json(blob((String) ((Map<?, ?>) manifest.get("config")).get("digest")));
    }

    @Test
    void imageRunsAsANonRootUserWithTheTwoPortsTheDataVolumeAndTheServiceAsEntrypoint() throws Exception {
        Map<?, ?> container = (Map<?, ?>) config.get("config");
        assertEquals("10001:10001", container.get("User"));
        assertEquals(List.of("/opt/java/bin/java", "-XX:MaxRAMPercentage=75", "-cp", "@/app/jib-classpath-file",
                "org.rostersync.Application"), container.get("Entrypoint"));
        assertEquals(java.util.Set.of("8080/tcp", "2222/tcp"), ((Map<?, ?>) container.get("ExposedPorts")).keySet());
        assertEquals(java.util.Set.of("/data"), ((Map<?, ?>) container.get("Volumes")).keySet());
        assertTrue(((List<?>) container.get("Env")).contains("ROSTERSYNC_DATA_DIR=/data/rostersync"), container.toString());
        assertEquals(pomVersion(), ((Map<?, ?>) container.get("Labels")).get("org.opencontainers.image.version"));
        assertEquals("amd64", config.get("architecture"));
    }

    /**
     * The image's layers unpacked into a folder and its entrypoint run there as the image's user, in a chroot of new
     * mount and process namespaces (as root, as CI runs): the runtime, its libraries and the classpath are all in the
     * image. Elsewhere skipped, saying why.
     */
    @Test
    void theImagesOwnJavaRunsTheServiceAsItsUser(@TempDir Path root) throws Exception {
        boolean canChroot = "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"));
        if (!canChroot) {
            String why = "running the image's files needs root and unshare (util-linux): " + System.getProperty("user.name");
            if (System.getenv("CI") != null) {
                throw new AssertionError(why);
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        // the image's root is the runtime's, open to every user as in a container (a test folder is the test's alone)
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String layer : layers()) {
            Path file = Files.createTempFile(root.getParent(), "layer", ".tar.gz");
            Files.write(file, blob(layer));
            run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", file.toString(), "-C", root.toString()));
            Files.delete(file);
        }
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("opt/java/bin/java"))));
        assertTrue(Files.readString(root.resolve("etc/passwd")).contains("rostersync:x:10001:10001:"));
        Files.createDirectories(root.resolve("proc"));
        String version = run(List.of("unshare", "--mount", "--pid", "--fork", "sh", "-c",
                "mount -t proc proc \"$0\"/proc && cd \"$0\" && chroot --userspec=10001:10001 \"$0\" "
                        + "/opt/java/bin/java -cp @/app/jib-classpath-file org.rostersync.Application --version",
                root.toString()));
        assertEquals("rostersync " + pomVersion(), version.strip());
    }

    private static List<String> layers() throws IOException {
        Map<String, Object> index = json(entries.get("index.json"));
        Map<String, Object> manifest = json(blob((String) ((Map<?, ?>) ((List<?>) index.get("manifests")).get(0)).get("digest")));
        List<String> out = new ArrayList<>();
        for (Object layer : (List<?>) manifest.get("layers")) {
            out.add((String) ((Map<?, ?>) layer).get("digest"));
        }
        return out;
    }

    private static byte[] blob(String digest) {
        byte[] blob = entries.get("blobs/" + digest.replace(':', '/'));
        assertTrue(blob != null, "the tarball holds " + digest + ": " + entries.keySet());
        return blob;
    }

    private static Map<String, Object> json(byte[] bytes) throws IOException {
        return JSON.readValue(bytes, Argument.mapOf(String.class, Object.class));
    }

    static String pomVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>rostersync</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        return m.group(1);
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    /** The regular files of a POSIX (ustar) tar, by name: what an image tarball holds. */
    static final class Tar {
        static Map<String, byte[]> read(byte[] tar) throws IOException {
            Map<String, byte[]> files = new LinkedHashMap<>();
            int at = 0;
            while (at + 512 <= tar.length && tar[at] != 0) {
                String name = text(tar, at, 100);
                String prefix = text(tar, at + 345, 155);
                long size = Long.parseLong(text(tar, at + 124, 12).strip().isEmpty() ? "0" : text(tar, at + 124, 12).strip(), 8);
                byte type = tar[at + 156];
                String path = prefix.isEmpty() ? name : prefix + "/" + name;
                if (type == '0' || type == 0) {
                    byte[] content = new byte[Math.toIntExact(size)];
                    System.arraycopy(tar, at + 512, content, 0, content.length);
                    files.put(path.startsWith("./") ? path.substring(2) : path, content);
                }
                at += 512 + (int) ((size + 511) / 512 * 512);
            }
            return files;
        }

        private static String text(byte[] tar, int from, int length) {
            int end = from;
            while (end < from + length && tar[end] != 0) {
                end++;
            }
            return new String(tar, from, end - from, StandardCharsets.US_ASCII);
        }
    }
}
