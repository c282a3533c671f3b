package dev.resolvechain.dns;

import static dev.resolvechain.TierQueries.addresses;
import static dev.resolvechain.TierQueries.forward;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.LogCapture;
import dev.resolvechain.Outcome;
import dev.resolvechain.Verdict;
import dev.resolvechain.files.WatchedFiles;
import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.wire.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** resolv.conf changed while the tier runs: its new servers, search list and options are used within a second. */
class DnsTierReloadTest {
    /** What the issue asks: a change is in force within this. */
    private static final Duration WITHIN = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private final List<TestDnsServer> servers = new java.util.ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(TestDnsServer::close);
    }

    private TestDnsServer server() {
        TestDnsServer server = TestDnsServer.start();
        servers.add(server);
        return server;
    }

    private TestDnsServer serverOnPort53() {
        TestDnsServer server = Port53.start();
        servers.add(server);
        return server;
    }

    private Path resolvConf(String text) throws IOException {
        return write(dir.resolve("resolv.conf"), text);
    }

    /** Writes {@code text} as a new file renamed into place, as most tools do. */
    private static Path write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private DnsOptions options(Path resolvConf, List<Endpoint> nameservers) {
        return options(resolvConf, nameservers, dir.resolve("no-resolved.conf"), WatchedFiles.DEFAULT_CHECK_EVERY);
    }

    private DnsOptions options(Path resolvConf, List<Endpoint> nameservers, Duration checkEvery) {
        return options(resolvConf, nameservers, dir.resolve("no-resolved.conf"), checkEvery);
    }

    private static DnsOptions options(Path resolvConf, List<Endpoint> nameservers, Path resolvedUpstream, Duration checkEvery) {
        return new DnsOptions(resolvConf, resolvedUpstream, nameservers, List.of(), null, Map.of(), Duration.ofMinutes(5), checkEvery, 2);
    }

    private static String nameserverLine(TestDnsServer server) {
        return "nameserver " + server.address().getHostAddress() + "\n";
    }

    /** Polls until {@code done}, at most {@link #WITHIN} (and a little for a slow machine); returns the milliseconds it took, or -1. */
    private static long millisUntil(Supplier<Boolean> done) throws InterruptedException {
        long start = System.nanoTime();
        while (!done.get()) {
            if (System.nanoTime() - start > WITHIN.toNanos() * 3) {
                return -1;
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void newNameserversAreAskedWithinASecondWithoutRestart() throws Exception {
        TestDnsServer before = serverOnPort53().a("web.corp", 300, "10.0.0.1");
        TestDnsServer after = serverOnPort53().a("web.corp", 300, "10.0.0.2");
        Path file = resolvConf(nameserverLine(before));
        DnsTier tier = DnsTier.create(options(file, List.of()));
        assertEquals(List.of("10.0.0.1"), addresses(forward(tier, "web.corp", AddressPolicy.IPV4_ONLY)));

        write(file, nameserverLine(after));

        long millis = millisUntil(() -> addresses(forward(tier, "web.corp", AddressPolicy.IPV4_ONLY)).equals(List.of("10.0.0.2")));
        assertTrue(millis >= 0 && millis <= WITHIN.toMillis(), "the new server answered after " + millis + " ms");
        assertEquals(List.of(Endpoint.parse(after.address().getHostAddress())), tier.servers());
        assertEquals(1, after.queryCount(), "the answer cached from the old server was dropped with it, and the new one cached");
    }

    @Test
    void aFileEditedInPlaceIsReadAgainToo() throws Exception {
        TestDnsServer before = serverOnPort53().a("web.corp", 300, "10.0.0.1");
        TestDnsServer after = serverOnPort53().a("web.corp", 300, "10.0.0.2");
        Path file = resolvConf(nameserverLine(before));
        DnsTier tier = DnsTier.create(options(file, List.of()));
        forward(tier, "web.corp", AddressPolicy.IPV4_ONLY);

        Files.writeString(file, nameserverLine(after)); // same inode, and as like as not the same size

        assertTrue(millisUntil(() -> tier.servers().equals(List.of(Endpoint.parse(after.address().getHostAddress())))) >= 0);
        assertEquals(List.of("10.0.0.2"), addresses(forward(tier, "web.corp", AddressPolicy.IPV4_ONLY)));
    }

    @Test
    void aNewSearchListIsUsedWithinASecond() throws Exception {
        TestDnsServer server = server().a("web.corp", 300, "10.0.0.1").a("web.example", 300, "10.0.0.2");
        Path file = resolvConf("search corp\n");
        DnsTier tier = DnsTier.create(options(file, List.of(Endpoint.parse(server.endpoint()))));
        assertEquals(List.of("10.0.0.1"), addresses(forward(tier, "web", AddressPolicy.IPV4_ONLY)));

        write(file, "search example\noptions ndots:2\n");

        long millis = millisUntil(() -> addresses(forward(tier, "web", AddressPolicy.IPV4_ONLY)).equals(List.of("10.0.0.2")));
        assertTrue(millis >= 0 && millis <= WITHIN.toMillis(), "the new search list was used after " + millis + " ms");
        assertEquals(2, tier.conf().ndots());
        assertEquals(List.of("example"), tier.settings().get("search"));
    }

    @Test
    void aChangeAddingALineThatDoesNotParseKeepsTheLastGoodConfigurationAndSaysWhere() throws Exception {
        TestDnsServer server = server().a("web.corp", 300, "10.0.0.1");
        Path file = resolvConf("search corp\n");
        DnsTier tier = DnsTier.create(options(file, List.of(Endpoint.parse(server.endpoint()))));
        try (LogCapture log = LogCapture.start()) {
            write(file, "search example\nnameserver 10.0.0.x\n");

            assertTrue(millisUntil(() -> tier.servers() != null && !log.containing("resolv.conf " + file + " changed, but").isEmpty()) >= 0,
                    log.messages().toString());
            String message = log.containing("changed, but").get(0);
            assertTrue(message.contains(file + ":2: nameserver '10.0.0.x' is not an IP address"), message);
            assertTrue(message.contains("stays in force"), message);
            assertEquals(List.of("corp"), tier.conf().search());
            assertEquals(List.of("10.0.0.1"), addresses(forward(tier, "web", AddressPolicy.IPV4_ONLY)));

            write(file, "search example\n");
            assertTrue(millisUntil(() -> tier.conf().search().equals(List.of("example"))) >= 0, "a good version after a bad one is taken");
            assertEquals(1, log.containing("changed, but").size(), "the bad version was reported once: " + log.messages());
        }
    }

    @Test
    void aBadLineThatWasThereFromTheStartDoesNotBlockLaterChanges() throws Exception {
        Path file = resolvConf("nameserver dns.corp\nnameserver 10.0.0.1\nsearch corp\n");
        DnsTier tier = DnsTier.create(options(file, List.of()));
        assertEquals(List.of(Endpoint.parse("10.0.0.1")), tier.servers());

        write(file, "# moved\nnameserver dns.corp\nnameserver 10.0.0.2\nsearch corp\n");

        assertTrue(millisUntil(() -> tier.servers().equals(List.of(Endpoint.parse("10.0.0.2")))) >= 0);
    }

    @Test
    void aFileThatIsGoneKeepsTheLastGoodConfiguration() throws Exception {
        Path file = resolvConf("nameserver 10.0.0.1\n");
        DnsTier tier = DnsTier.create(options(file, List.of()));
        try (LogCapture log = LogCapture.start()) {
            Files.delete(file);

            assertTrue(millisUntil(() -> tier.servers() != null && !log.containing("changed, but").isEmpty()) >= 0, log.messages().toString());
            assertTrue(log.containing("changed, but").get(0).contains("no such file"), log.messages().toString());
            assertEquals(List.of(Endpoint.parse("10.0.0.1")), tier.servers());

            resolvConf("nameserver 10.0.0.3\n");
            assertTrue(millisUntil(() -> tier.servers().equals(List.of(Endpoint.parse("10.0.0.3")))) >= 0, "back, and read");
        }
    }

    @Test
    void aFileCreatedAfterStartIsRead() throws Exception {
        Path file = dir.resolve("resolv.conf");
        DnsTier tier = DnsTier.create(options(file, List.of()));
        Verdict none = forward(tier, "web.corp", AddressPolicy.IPV4_ONLY);
        assertEquals(Outcome.FAIL, none.outcome());
        assertTrue(none.detail().startsWith("no host nameserver: " + file + " lists none"), none.detail());

        resolvConf("nameserver 10.0.0.1\n");

        assertTrue(millisUntil(() -> tier.servers().equals(List.of(Endpoint.parse("10.0.0.1")))) >= 0);
    }

    @Test
    void anEmptiedFileIsTakenOnlyOnceItStaysEmpty() throws Exception {
        Path file = resolvConf("nameserver 10.0.0.1\n");
        DnsTier tier = DnsTier.create(options(file, List.of(), Duration.ofMillis(20)));

        Files.writeString(file, ""); // a writer truncating in place, before it writes
        Thread.sleep(300);
        assertEquals(List.of(Endpoint.parse("10.0.0.1")), tier.servers(), "an empty file just written may be half done");

        assertTrue(millisUntil(() -> tier.servers().isEmpty()) >= 0, "an empty file that stays empty is taken");
    }

    @Test
    void optionsNoReloadKeepsTheFirstConfiguration() throws Exception {
        Path file = resolvConf("nameserver 10.0.0.1\noptions no-reload\n");
        DnsTier tier = DnsTier.create(options(file, List.of(), Duration.ofMillis(10)));

        write(file, "nameserver 10.0.0.2\n");
        Thread.sleep(300);

        assertEquals(List.of(Endpoint.parse("10.0.0.1")), tier.servers());
    }

    @Test
    void looksAtTheFileAtMostOncePerInterval() throws Exception {
        Path file = resolvConf("nameserver 10.0.0.1\n");
        DnsTier tier = DnsTier.create(options(file, List.of(), Duration.ofHours(1)));

        write(file, "nameserver 10.0.0.2\n");
        for (int i = 0; i < 100; i++) {
            forward(tier, "web.corp.", AddressPolicy.IPV4_ONLY);
        }

        assertEquals(List.of(Endpoint.parse("10.0.0.1")), tier.servers(), "not looked at again within the hour");
    }

    @Test
    void concurrentLookupsDuringReloadsAlwaysSeeOneWholeConfiguration() throws Exception {
        TestDnsServer server = server().a("web.one", 300, "10.0.0.1").a("web.two", 300, "10.0.0.2");
        Path file = resolvConf("search one\n");
        DnsTier tier = DnsTier.create(options(file, List.of(Endpoint.parse(server.endpoint())), Duration.ofMillis(1)));
        java.util.concurrent.atomic.AtomicReference<String> wrong = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    List<String> answer = addresses(forward(tier, "web", AddressPolicy.IPV4_ONLY));
                    if (!answer.equals(List.of("10.0.0.1")) && !answer.equals(List.of("10.0.0.2"))) {
                        wrong.set(answer.toString());
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        for (int i = 0; i < 40; i++) {
            write(file, i % 2 == 0 ? "search two\n" : "search one\n");
            Thread.sleep(5);
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(5000);
        }
        assertEquals(null, wrong.get());
    }

    // ---- systemd-resolved's stub

    private Path resolvedUpstream(String text) throws IOException {
        return write(dir.resolve("resolved.conf"), text);
    }

    private static final String STUB = "# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).\n"
            + "nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch corp.example\n";

    @Test
    void aStubResolvConfIsReplacedByResolvedsUpstreamList() throws Exception {
        Path upstream = resolvedUpstream("nameserver 10.0.0.7\nnameserver 10.0.0.8\nsearch corp.example lan\n");
        Path file = resolvConf(STUB);

        DnsTier tier = DnsTier.create(options(file, List.of(), upstream, WatchedFiles.DEFAULT_CHECK_EVERY));

        assertEquals(List.of(Endpoint.parse("10.0.0.7"), Endpoint.parse("10.0.0.8")), tier.servers());
        assertEquals(List.of("corp.example", "lan"), tier.conf().search());
        assertEquals(file + " (systemd-resolved's stub 127.0.0.53: its upstream servers, search list and options from " + upstream + ")",
                tier.settings().get("resolvConf"));
    }

    @Test
    void withoutResolvedsListTheStubIsAsked() throws Exception {
        Path file = resolvConf(STUB);
        assertEquals(List.of(HostServers.RESOLVED_STUB), DnsTier.create(options(file, List.of())).servers());

        Path empty = resolvedUpstream("# No DNS servers known.\nsearch corp.example\n");
        assertEquals(List.of(HostServers.RESOLVED_STUB), DnsTier.create(options(file, List.of(), empty, WatchedFiles.DEFAULT_CHECK_EVERY)).servers(),
                "resolved knows no upstream server: its stub still answers what it can (LLMNR, mDNS, its own names)");
    }

    @Test
    void theStubIsReplacedOnlyWhenItIsTheOnlyNameserver() throws Exception {
        Path upstream = resolvedUpstream("nameserver 10.0.0.7\n");
        Path file = resolvConf("nameserver 127.0.0.53\nnameserver 10.0.0.1\n");
        assertEquals(List.of(HostServers.RESOLVED_STUB, Endpoint.parse("10.0.0.1")),
                DnsTier.create(options(file, List.of(), upstream, WatchedFiles.DEFAULT_CHECK_EVERY)).servers());

        resolvConf(STUB);
        Endpoint explicit = Endpoint.parse("10.9.9.9");
        assertEquals(List.of(explicit), DnsTier.create(options(file, List.of(explicit), upstream, WatchedFiles.DEFAULT_CHECK_EVERY)).servers(),
                "explicit nameservers win");
    }

    @Test
    void resolvedsListIsReadAgainWhenItChanges() throws Exception {
        Path upstream = resolvedUpstream("nameserver 10.0.0.7\n");
        Path file = resolvConf(STUB);
        DnsTier tier = DnsTier.create(options(file, List.of(), upstream, WatchedFiles.DEFAULT_CHECK_EVERY));

        resolvedUpstream("nameserver 10.8.0.1\nsearch vpn.example\n"); // a VPN came up

        assertTrue(millisUntil(() -> tier.servers().equals(List.of(Endpoint.parse("10.8.0.1")))) >= 0);
        assertEquals(List.of("vpn.example"), tier.conf().search());
        assertFalse(tier.servers().contains(HostServers.RESOLVED_STUB));
    }
}
