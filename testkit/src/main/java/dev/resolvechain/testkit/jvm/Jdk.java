package dev.resolvechain.testkit.jvm;

import dev.resolvechain.testkit.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A JDK that children run on: each supported one ({@link #both()}: 17 and 25, whose homes the
 * environment variables {@code JDK17} and {@code JDK25} can move, as for {@code .ci/run}), the one
 * running this code ({@link #current()}), or any other by its home ({@link #of}).
 */
public record Jdk(int feature, Path home) {
    public static final Jdk JDK_17 = supported(17, "/usr/lib/jvm/java-17-openjdk-amd64");
    public static final Jdk JDK_25 = supported(25, "/usr/lib/jvm/temurin-25-jdk-amd64");

    private static Jdk supported(int feature, String defaultHome) {
        String home = System.getenv("JDK" + feature);
        return new Jdk(feature, Path.of(home == null || home.isEmpty() ? defaultHome : home));
    }

    /** Every supported JDK, oldest first: the argument source of a test run on each. */
    public static Stream<Jdk> both() {
        return Stream.of(JDK_17, JDK_25);
    }

    /** The JDK running this code. */
    public static Jdk current() {
        return new Jdk(Runtime.version().feature(), Path.of(System.getProperty("java.home")));
    }

    /** The JDK at {@code homeOrJava}, a JDK's home or its {@code bin/java}; IllegalArgumentException when there is no java there. */
    public static Jdk of(Path homeOrJava) {
        Path home = (Files.isDirectory(homeOrJava) ? homeOrJava : homeOrJava.toAbsolutePath().getParent().getParent()).toAbsolutePath();
        Jdk unknown = new Jdk(0, home);
        if (!unknown.installed()) {
            throw new IllegalArgumentException("no java executable at " + unknown.java());
        }
        String version = unknown.release("JAVA_VERSION").orElse("0");
        return new Jdk(Runtime.Version.parse(version).feature(), home);
    }

    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    public boolean installed() {
        return Files.isExecutable(java());
    }

    /** A JDK that is not installed skips the calling test, or fails it in CI: every supported JDK must be tested there. */
    public void requireInstalled() {
        Requirements.require(installed(), this + " is not installed at " + home);
    }

    /** {@code java.runtime.version}, e.g. 17.0.15+6-Debian-1deb12u1, from the JDK's {@code release} file: no JVM is started to learn it. */
    public String runtimeVersion() {
        return release("JAVA_RUNTIME_VERSION").orElse(home.toString());
    }

    private Optional<String> release(String key) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(release)) {
            return lines.filter(line -> line.startsWith(key + "=")).findFirst()
                    .map(line -> line.substring(key.length() + 1).replace("\"", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "JDK " + feature;
    }
}
