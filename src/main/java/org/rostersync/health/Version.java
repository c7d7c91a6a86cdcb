package org.rostersync.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version this build is ({@code pom.xml}'s, written into {@code version.properties} when Maven copies the
 * resources): what {@code --version} prints and {@code /health} answers, so that an operator can tell which release
 * answers behind a balancer.
 */
public final class Version {

    private Version() {
    }

    /** The version, e.g. {@code 0.1.0}; never blank (a build without the resource is a broken build). */
    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            if (version.isBlank() || version.contains("${")) {
                throw new IllegalStateException("version.properties was not filled in by the build: '" + version + "'");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
