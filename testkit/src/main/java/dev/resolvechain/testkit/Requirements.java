package dev.resolvechain.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs of the machine (root, dnsmasq, a JDK, a command), with one policy: in CI
 * (environment variable {@code CI=true}) a test that cannot run fails, so that a green CI never
 * means "skipped"; elsewhere it is skipped, with the reason.
 */
public final class Requirements {
    private Requirements() {
    }

    /** Returns when {@code met}; otherwise fails the calling test in CI and skips it elsewhere, saying {@code reason}. */
    public static void require(boolean met, String reason) {
        require(met, reason, System.getenv("CI"));
    }

    static void require(boolean met, String reason, String ci) {
        if (!met && "true".equalsIgnoreCase(ci)) {
            Assertions.fail(reason + " (CI=true: this test must run here)");
        }
        Assumptions.assumeTrue(met, reason);
    }

    /** Root, e.g. to bind port 53 or create a network namespace: {@code why} says what for. */
    public static void requireRoot(String why) {
        require("root".equals(System.getProperty("user.name")), why + " needs root");
    }

    /** An executable {@code name} on the PATH. */
    public static void requireCommand(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        boolean found = Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, name)));
        require(found, name + " is not installed (not on the PATH)");
    }
}
