package dev.resolvechain.dns;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.resolvechain.testkit.TestDnsServer;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Test servers on port 53, as resolv.conf can name no other port: each on its own random loopback
 * address (127.x.y.z), so that tests running at the same time on one machine do not meet. Binding
 * port 53 needs root: elsewhere the calling test is skipped, except in CI (CI=true), where it fails.
 */
final class Port53 {
    private Port53() {
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void assumeRoot() {
        if (!root() && "true".equals(System.getenv("CI"))) {
            fail("these tests must run as root in CI (they bind port 53 on loopback)");
        }
        assumeTrue(root(), "binding port 53 needs root");
    }

    /** A server on port 53 of a random 127.x.y.z address. */
    static TestDnsServer start() {
        assumeRoot();
        UncheckedIOException last = null;
        for (int tries = 0; tries < 20; tries++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            byte[] address = {127, (byte) random.nextInt(1, 255), (byte) random.nextInt(1, 255), (byte) random.nextInt(2, 255)};
            try {
                return TestDnsServer.start(InetAddress.getByAddress(address), 53);
            } catch (UncheckedIOException e) {
                last = e;
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        throw last;
    }
}
