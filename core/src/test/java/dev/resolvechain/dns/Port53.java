package dev.resolvechain.dns;

import dev.resolvechain.testkit.Requirements;
import dev.resolvechain.testkit.TestDnsServer;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Test servers on port 53, as resolv.conf can name no other port: each on its own random loopback
 * address (127.x.y.z), so that tests running at the same time on one machine do not meet. Binding
 * port 53 needs root: without it the calling test is skipped, except in CI (CI=true), where it fails.
 */
final class Port53 {
    private Port53() {
    }

    static void assumeRoot() {
        Requirements.requireRoot("binding port 53 on loopback");
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
