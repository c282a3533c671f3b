package dev.resolvechain.samples;

import dev.resolvechain.samples.AppProcess.Lookup;
import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.testkit.Trees;
import dev.resolvechain.testkit.jvm.ChainFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What every scenario has: the local client (not started), a stand-in for the host's nameserver
 * (started), the files the application's JVMs read instead of the machine's, and the timeline. All
 * on loopback; everything is stopped and deleted at the end.
 */
abstract class Scenario implements AutoCloseable {
    static final String VIP = "api.vip";
    static final String VIP_ADDRESS = "192.0.2.10";
    static final String ORDINARY = "www.example.org";
    static final String ORDINARY_ADDRESS = "192.0.2.80";

    private static final long AWAIT_NANOS = 15_000_000_000L;

    final Timeline timeline = new Timeline();
    /** Every lookup of the applications, in the order they were read. */
    final List<Lookup> lookups = new CopyOnWriteArrayList<>();
    final Map<String, String> clientNames;
    final LocalClient client;
    final TestDnsServer hostNameserver = TestDnsServer.start();
    /**
     * The files the applications' JVMs read instead of the machine's: the JDK's own resolver only
     * {@code jdkHostsFile} (no entries), the chain its {@code hostsFile} and a {@code resolvConf}
     * without a nameserver line ({@code nameservers} names the stand-in).
     */
    final ChainFiles files = new ChainFiles(Files.createTempDirectory("resolvechain-scenario"));

    Scenario(String clientKind, Map<String, String> clientNames, String... hostsLines) throws IOException {
        this.clientNames = clientNames;
        this.client = LocalClient.create(clientKind, clientNames);
        hostNameserver.a(ORDINARY, 0, ORDINARY_ADDRESS);
        files.jdkHosts("# The JDK's own resolver reads only this file (-Djdk.net.hosts.file). It stands for resolv.conf's",
                "# 'nameserver 127.0.0.1' while the local client is not up: nothing answers, every name is unknown.");
        List<String> hosts = new ArrayList<>(List.of("# the chain's hosts file (hostsFile), in place of the machine's /etc/hosts", "127.0.0.1 localhost"));
        hosts.addAll(List.of(hostsLines));
        files.hosts(hosts.toArray(String[]::new));
        files.resolvConf("# no nameserver line: 'nameservers' names the host nameserver stand-in");
    }

    abstract String title();

    abstract void run() throws Exception;

    /** The agent's argument string: this scenario's client, nameserver and files, then {@code extra} pairs. */
    String agentArguments(String... extra) {
        List<String> pairs = new ArrayList<>(List.of("local=" + client.endpoint(), "local.domains=" + LocalClient.DOMAIN,
                "nameservers=" + hostNameserver.endpoint(), "resolvConf=" + files.resolvConf, "hostsFile=" + files.hostsFile));
        pairs.addAll(List.of(extra));
        return String.join(";", pairs);
    }

    /** The title, then what runs where. */
    void header(String application, String... more) {
        timeline.say("resolvechain scenario: " + title() + " (loopback only, JDK " + Runtime.version().feature() + ")");
        timeline.say("  local client      " + client.describe() + ", serving " + LocalClient.DOMAIN + ": "
                + describe(clientNames) + ", TTL 0 (dnsmasq's default)");
        timeline.say("  host nameserver   a stand-in on " + hostNameserver.endpoint() + ": " + ORDINARY + " = " + ORDINARY_ADDRESS + more(more));
        timeline.say("  application       " + application);
    }

    static String describe(Map<String, String> names) {
        return names.entrySet().stream().map(name -> name.getKey() + " = " + name.getValue()).collect(Collectors.joining(", "));
    }

    private static String more(String... more) {
        return more.length == 0 ? "" : ", " + String.join(", ", more);
    }

    /** Keeps a lookup of an application, for {@link #awaitLookups} and the measurements. */
    void record(Lookup lookup) {
        lookups.add(lookup);
        synchronized (lookups) {
            lookups.notifyAll();
        }
    }

    /** Waits until the lookups so far satisfy {@code done} (at most 15 s); whether they do. */
    boolean awaitLookups(Predicate<List<Lookup>> done) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT_NANOS;
        synchronized (lookups) {
            while (!done.test(lookups) && System.nanoTime() < deadline) {
                lookups.wait(100);
            }
        }
        return done.test(lookups);
    }

    /** Whether {@code lookup} is {@code name} answered with the client's address for it. */
    boolean fromClient(Lookup lookup, String name) {
        return lookup.name().equals(name) && lookup.ok() && lookup.result().equals(clientNames.get(name));
    }

    /** {@code local client  WHAT}, stamped now. */
    void clientEvent(String what) {
        timeline.event("local client", what);
    }

    @Override
    public void close() throws IOException {
        try (LocalClient c = client; TestDnsServer h = hostNameserver) {
            Trees.delete(files.dir);
        }
    }
}
