package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A JDK the integration tests run children on: every agent test runs on each of {@link #both()}.
 * Their homes can be moved with the environment variables {@code JDK17} and {@code JDK25}, as for {@code .ci/run}.
 */
public record Jdk(int feature, Path home) {
    static final Jdk JDK_17 = at(17, "/usr/lib/jvm/java-17-openjdk-amd64");
    static final Jdk JDK_25 = at(25, "/usr/lib/jvm/temurin-25-jdk-amd64");

    private static Jdk at(int feature, String defaultHome) {
        return new Jdk(feature, Path.of(System.getenv().getOrDefault("JDK" + feature, defaultHome)));
    }

    /** The argument source of {@link OnBothJdks}. */
    static Stream<Jdk> both() {
        return Stream.of(JDK_17, JDK_25);
    }

    Path java() {
        return home.resolve("bin/java");
    }

    /** A JDK that is not installed fails the test on CI ({@code CI=true}) and skips it elsewhere. */
    void requireInstalled() {
        boolean installed = Files.isExecutable(java());
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(this + " is not installed at " + home + " (CI=true: every supported JDK must be tested)");
        }
        assumeTrue(installed, this + " is not installed at " + home);
    }

    @Override
    public String toString() {
        return "JDK " + feature;
    }
}
