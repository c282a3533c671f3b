package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.DnsServerProcess;
import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.Netns;
import dev.resolvechain.testkit.ServerProcess;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's set-up, end to end through the agent: a vipclient-style local client (dnsmasq) on
 * 127.0.0.1:53 answers its own domain {@code vip} and forwards every other name to an upstream;
 * resolv.conf names only {@code nameserver 127.0.0.1}, and the agent has
 * {@code local=127.0.0.1:53;local.domains=vip}. Names of {@code vip} are the local tier's (its
 * NXDOMAIN final, never sent on); every other name goes to the same client as the host nameserver.
 * All of it inside a network namespace of the test's own, whose loopback is its own.
 */
class VipclientIT {
    @TempDir
    Path dir;

    @OnBothJdks
    void theLocalClientIsTheHostNameserverForTheNamesOutsideItsDomains(Jdk jdk) throws InterruptedException {
        Dnsmasq.assumeInstalled();
        try (Netns netns = Netns.create();
             ServerProcess upstream = ServerProcess.start(DnsServerProcess.launch(Jdk.current(), "--listen", "127.0.0.2:53",
                     "--soa", "example", "--a", "web.example=192.0.2.80").via(netns.via()));
             Dnsmasq vipclient = Dnsmasq.builder().inside(netns, netns.address()).option("listen-address=127.0.0.1")
                     .hostRecord("svc.vip", "192.0.2.10").local("vip").server("127.0.0.2#53").start()) {
            ChainFiles files = new ChainFiles(dir).resolvConf("nameserver 127.0.0.1");
            TestJvm jvm = TestJvm.on(jdk, files).inside(netns).withAgent("local=127.0.0.1:53", "local.domains=vip", "log.level=warn");
            ScriptResult result;
            try (RunningJvm child = jvm.start("all:svc.vip", "all:missing.vip", "await", "all:web.example")) {
                TestJvm.atAwait(child, () -> assertEquals(0, count(upstream), "no name of vip reached the upstream"));
                result = new ScriptResult(child.finish()).succeeded();
            }

            assertEquals("192.0.2.10", result.answer("all:svc.vip"));
            String missing = result.failure("all:missing.vip");
            assertTrue(missing.startsWith("java.net.UnknownHostException: resolvechain: missing.vip: local: "), missing);
            assertTrue(missing.contains("NXDOMAIN") && missing.contains("(final: vip is in local.domains)"), missing);
            assertEquals("192.0.2.80", result.answer("all:web.example"), "through 127.0.0.1 as the host nameserver");
            assertTrue(count(upstream) > 0, "forwarded by the local client");
        }
    }

    private static int count(ServerProcess server) {
        try {
            return Integer.parseInt(server.command("count").split(" ")[1]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
