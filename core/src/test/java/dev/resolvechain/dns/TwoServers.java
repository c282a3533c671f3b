package dev.resolvechain.dns;

import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.wire.DnsCache;
import dev.resolvechain.wire.Endpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * Two test servers on loopback for a test class, and dns tiers asking them; after each test the
 * tiers are closed (a probe of a server they found down ends) and the servers stopped.
 */
abstract class TwoServers {
    protected final TestDnsServer server = TestDnsServer.start();
    protected final TestDnsServer other = TestDnsServer.start();
    private final List<DnsTier> tiers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        tiers.forEach(DnsTier::close);
        server.close();
        other.close();
    }

    /** A tier with {@code resolvConf}'s search list and options, asking {@code servers} in order, with a cache of default bounds. */
    DnsTier tier(String resolvConf, TestDnsServer... servers) {
        List<Endpoint> nameservers = Arrays.stream(servers).map(DnsTierTest::endpoint).toList();
        DnsTier tier = new DnsTier(ResolvConf.parse(resolvConf, "test.conf", Map.of()), nameservers, List.of(), null, new DnsCache());
        tiers.add(tier);
        return tier;
    }
}
