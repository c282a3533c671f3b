package dev.resolvechain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.EtcdExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** register, heartbeat, unregister, check and explain against a real etcd member. */
class EtcdCliTest {
    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.single();
    private static int prefixes;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private List<String> settings;
    private String prefix;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("hosts"), "");
        Files.writeString(dir.resolve("resolv.conf"), "");
        prefix = "/cli" + (++prefixes);
        settings = List.of("aliases=" + ETCD.etcd().location(prefix), "hostsFile=" + dir.resolve("hosts"), "resolvConf=" + dir.resolve("resolv.conf"),
                "aliases.snapshot=" + dir.resolve("snapshot"));
    }

    private int run(String command, String... arguments) {
        out.reset();
        err.reset();
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(settings);
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(command, all);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void registerWithATtlReturnsAtOnceAndTheRegistrationLastsWhileHeartbeatsRenewIt() throws Exception {
        assertEquals(0, run("register", "web-1", "192.0.2.1,2001:db8::1", "web", "www", "--ttl", "2s", "--scope", "Net1"), err());
        assertTrue(out().matches("registered: " + prefix + "/net1/web-1 \\(lease \\d+, 2 s unless heartbeat renews it\\)\\s*"), out());
        assertEquals("192.0.2.1 web www\n2001:db8::1 web www\n", ETCD.etcd().get(prefix + "/net1/web-1").replaceFirst("^#[^\n]*\n", ""));

        for (int i = 0; i < 6; i++) {
            assertEquals(0, run("heartbeat", "web-1", "--scope", "net1"), err());
            Thread.sleep(500);
        }
        assertTrue(ETCD.etcd().get(prefix + "/net1/web-1") != null, "renewed for 3 s past a 2 s TTL");
        Thread.sleep(3000);
        assertEquals(null, ETCD.etcd().get(prefix + "/net1/web-1"), "expired once no longer renewed");
        assertEquals(1, run("heartbeat", "web-1", "--scope", "net1"));
        assertTrue(err().contains("owner web-1 has no registration"), err());
    }

    @Test
    void unregisterDeletesTheKeyAndCheckAndExplainReadTheSource() throws Exception {
        assertEquals(0, run("register", "db-1", "192.0.2.30", "db", "--ttl", "60s"), err());
        ETCD.etcd().put(prefix + "/db-2", "192.0.2.31 db\n10.0.0.x broken\n");
        ETCD.etcd().put(prefix + "/a/b/c", "192.0.2.32 odd\n");

        assertEquals(1, run("check"));
        String check = out();
        assertTrue(check.contains("aliases: 2 owners, 1 names in " + ETCD.etcd().location(prefix) + " (every scope)"), check);
        assertTrue(check.contains("problem: " + ETCD.etcd().location(prefix) + "/db-2:2: '10.0.0.x' is not an IP address"), check);
        assertTrue(check.contains("key '" + prefix + "/a/b/c' is neither"), check);

        assertEquals(0, run("explain", "db"), err());
        assertTrue(out().contains("192.0.2.30 (owner db-1"), out());

        assertEquals(0, run("unregister", "db-1"), err());
        assertEquals("unregistered: db-1\n", out());
        assertEquals(null, ETCD.etcd().get(prefix + "/db-1"));
        assertEquals(0, run("unregister", "db-1"));
        assertEquals("owner db-1 had no registration\n", out());
    }

    @Test
    void misuseAndAnEtcdThatCannotBeReachedAreSaid() throws IOException {
        assertEquals(1, run("register", "web-1", "192.0.2.1", "localhost", "--ttl", "10s"));
        assertTrue(err().contains("reserved"), err());
        assertEquals(1, run("register", "../x", "192.0.2.1", "web", "--ttl", "10s"));
        assertTrue(err().contains("cannot be an owner name"), err());
        assertEquals(2, run("heartbeat", "web-1", "--ttl", "10s"));
        assertEquals(2, run("register", "web-1", "192.0.2.1", "web", "--ttl", "0s"));
        assertTrue(err().contains("--ttl needs a duration of at least 1s"), err());

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        settings = List.of("aliases=etcd://127.0.0.1:" + closedPort + "/x", "hostsFile=" + dir.resolve("hosts"),
                "resolvConf=" + dir.resolve("resolv.conf"));
        assertEquals(1, run("register", "web-1", "192.0.2.1", "web", "--ttl", "10s"));
        assertTrue(err().contains("no member of etcd://127.0.0.1:" + closedPort + "/x answered; last: member 127.0.0.1:" + closedPort
                + ": connection refused"), err());
        assertEquals(1, run("check"));
        assertTrue(out().contains("problem: etcd://127.0.0.1:" + closedPort + "/x: etcd cannot be read"), out());
    }
}
