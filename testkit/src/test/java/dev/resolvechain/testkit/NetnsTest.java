package dev.resolvechain.testkit;

import static dev.resolvechain.testkit.TestDnsServerTest.addresses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class NetnsTest {

    @Test
    void hasItsFilesItsLinksAndLoopbackAndCloseRemovesAllOfItWithTheProcessesInside() throws Exception {
        Netns netns = Netns.builder().links(2).resolvConf("nameserver 192.0.2.53\n").hosts("127.0.0.1 localhost\n192.0.2.7 app\n").create();
        Process sleeper;
        try {
            assertEquals("nameserver 192.0.2.53\n", netns.exec("cat", "/etc/resolv.conf"));
            assertEquals("127.0.0.1 localhost\n192.0.2.7 app\n", netns.exec("cat", "/etc/hosts"));
            assertEquals("hosts: files dns\n", netns.exec("cat", "/etc/nsswitch.conf"));
            String inside = netns.exec("ip", "-4", "-o", "addr");
            for (String address : List.of("127.0.0.1/8", netns.address().getHostAddress() + "/30", netns.inside(1).getHostAddress() + "/30")) {
                assertTrue(inside.contains(address), inside);
            }
            String routes = Host.run("ip", "-4", "route", "show", "root", netns.block());
            assertTrue(routes.contains("blackhole " + netns.block()), routes);
            assertTrue(routes.contains("dev " + netns.hostInterface() + " proto kernel scope link src " + netns.hostSide(1).getHostAddress()), routes);
            sleeper = new ProcessBuilder(Stream.concat(Stream.of(netns.via()), Stream.of("sleep", "600")).toList()).start();
            assertTrue(netns.exec("ip", "netns", "identify", String.valueOf(sleeper.pid())).contains(netns.name()));
        } finally {
            netns.close();
        }

        assertFalse(sleeper.isAlive());
        assertFalse(Host.run("ip", "netns", "list").contains(netns.name()));
        assertFalse(Files.exists(Path.of("/etc/netns", netns.name())));
        assertFalse(Files.exists(Path.of("/sys/class/net", netns.hostInterface())));
        assertEquals("", Host.run("ip", "-4", "route", "show", "root", netns.block()));
    }

    @Test
    void namespacesCreatedTogetherGetBlocksAndNamesOfTheirOwn() {
        try (Netns one = Netns.create(); Netns two = Netns.create()) {
            assertNotEquals(one.block(), two.block());
            assertNotEquals(one.name(), two.name());
            assertNotEquals(one.hostInterface(), two.hostInterface());
        }
    }

    @Test
    void routesStayWithinTheBlockAndGoWithTheNamespace() throws Exception {
        String spare;
        try (Netns netns = Netns.create()) {
            spare = netns.spare(0).getHostAddress();
            netns.route("unreachable " + spare + "/32");

            assertTrue(Host.run("ip", "-4", "route", "show", spare + "/32").contains("unreachable " + spare));
            assertThrows(IllegalArgumentException.class, () -> netns.route("blackhole 192.0.2.9/32"));
            assertThrows(IllegalArgumentException.class, () -> netns.route("default dev " + netns.hostInterface()));
            assertThrows(IllegalArgumentException.class, () -> netns.spare(190));
            assertThrows(IllegalArgumentException.class, () -> netns.inside(1));
        }
        assertEquals("", Host.run("ip", "-4", "route", "show", spare + "/32"));
    }

    @Test
    void aTestDnsServerOnTheHostSideOfTheVethAndPort53AnswersGlibcInside() throws Exception {
        Requirements.requireCommand("getent");
        try (Netns netns = Netns.create(); TestDnsServer server = TestDnsServer.start(netns.hostSide(0), 53)) {
            server.a("web.test", 60, "192.0.2.10");
            netns.resolvConf("nameserver " + netns.hostSide(0).getHostAddress() + "\noptions timeout:2 attempts:2\n");

            String glibc = netns.exec("getent", "ahostsv4", "web.test");
            DnsClient fromHere = new DnsClient(new InetSocketAddress(netns.hostSide(0), 53));

            assertTrue(glibc.startsWith("192.0.2.10"), glibc);
            assertEquals("udp", server.queries().get(0).transport());
            assertEquals(List.of("192.0.2.10"), addresses(fromHere.resolve("web.test", Type.A)));
            assertEquals(netns.hostSide(0).getHostAddress() + ":53", server.endpoint());
        }
    }

    @Test
    void closeTwiceIsOnce() throws IOException, InterruptedException {
        Netns netns = Netns.create();
        netns.close();
        netns.close();

        assertFalse(Host.run("ip", "netns", "list").contains(netns.name()));
    }
}
