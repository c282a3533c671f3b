package dev.resolvechain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.TestDnsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private List<String> settings;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(dir.resolve("aliases/net1"));
        Files.writeString(dir.resolve("aliases/web-1.hosts"), "192.0.2.146 web\n");
        Files.writeString(dir.resolve("aliases/web-2.hosts"), "192.0.2.155 web\n");
        Files.writeString(dir.resolve("aliases/net1/db.hosts"), "192.0.2.30 db\n");
        Files.writeString(dir.resolve("hosts"), "192.0.2.9 printer\n");
        Files.writeString(dir.resolve("resolv.conf"), "");
        settings = new ArrayList<>(List.of("aliases=" + dir.resolve("aliases"), "aliases.order=file", "hostsFile=" + dir.resolve("hosts"),
                "resolvConf=" + dir.resolve("resolv.conf")));
    }

    private int run(String command, String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(settings);
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(command, all);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void explainShowsEveryStepAndEachOwnerOfAName() {
        assertEquals(0, run("explain", "web", "printer"));
        String text = out();
        assertTrue(text.contains("answer: 192.0.2.146, 192.0.2.155  (by alias"), text);
        assertTrue(text.contains("claimed by 2 owners: 192.0.2.146 (owner web-1, refreshed 0 s ago, "), text);
        assertTrue(text.contains("192.0.2.155 (owner web-2, refreshed 0 s ago, " + dir.resolve("aliases/web-2.hosts") + ":1)"), text);
        assertTrue(text.contains("1. alias  fallthrough"), text);
        assertTrue(text.contains("2. hosts  answer") && text.contains(dir.resolve("hosts") + ":1"), text);
    }

    @Test
    void explainExitsOneWhenANameDoesNotResolve() {
        assertEquals(1, run("explain", "web", "nowhere"));
        assertTrue(out().contains("no answer: "), out());
    }

    @Test
    void explainAsNettyAsksItSaysWhetherTheEventLoopWouldWait() {
        try (TestDnsServer server = TestDnsServer.start().a("remote.example", 60, "192.0.2.77")) {
            settings.add("nameservers=" + server.endpoint());
            assertEquals(0, run("explain", "--json", "--resolver", "netty", "web", "printer", "remote.example"));
            List<String> lines = out().strip().lines().toList();
            assertTrue(lines.get(0).startsWith("{\"name\":\"web\",\"resolver\":\"netty\",\"inline\":true,"), lines.get(0));
            assertTrue(lines.get(1).contains("\"inline\":true") && lines.get(1).contains("\"answeredBy\":\"hosts\""), lines.get(1));
            assertTrue(lines.get(2).contains("\"inline\":false") && lines.get(2).contains("\"answeredBy\":\"dns\""), lines.get(2));
            out.reset();
            assertEquals(0, run("explain", "--resolver", "Netty", "remote.example", "remote.example"));
            assertTrue(out().contains("remote.example  (as netty asks it; may wait: on a lookup thread, off the event loop)\n"
                    + "  answer: 192.0.2.77"), out());
            assertTrue(out().contains("remote.example  (as netty asks it; decided from memory: inline, on the event loop)\n"
                    + "  answer: 192.0.2.77"), "the second time, from the dns tier's cache:\n" + out());
        }
    }

    @Test
    void explainNamesTheResolverItStandsFor() {
        assertEquals(0, run("explain", "--json", "web"));
        assertTrue(out().contains("\"resolver\":\"InetAddress\""), out());
        assertFalse(out().contains("\"inline\""), out());
        out.reset();
        assertEquals(0, run("explain", "--json", "--resolver", "dnsjava", "web"));
        assertTrue(out().contains("\"resolver\":\"dnsjava\""), out());
        assertEquals(2, run("explain", "--resolver", "glibc", "web"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--resolver needs one of InetAddress, netty, dnsjava"), err::toString);
    }

    @Test
    void explainJsonHasTheContractFields() {
        assertEquals(0, run("explain", "--json", "web"));
        String json = out().strip();
        assertEquals(1, json.lines().count());
        assertTrue(json.startsWith("{\"name\":\"web\","), json);
        assertTrue(json.contains("\"addresses\":[\"192.0.2.146\",\"192.0.2.155\"]"), json);
        assertTrue(json.contains("\"answeredBy\":\"alias\""), json);
        assertTrue(json.contains("\"steps\":[{\"tier\":\"alias\",\"outcome\":\"answer\",\"detail\":\""), json);
        assertTrue(json.contains("\"micros\":"), json);
        assertTrue(json.contains("\"config\":{"), json);
    }

    @Test
    void explainOfAnAddressIsAReverseLookup() {
        assertEquals(0, run("explain", "192.0.2.146"));
        assertTrue(out().contains("answer: web  (by alias"), out());
    }

    @Test
    void checkReportsEachBrokenFileWithLineAndExitsOne() throws IOException {
        assertEquals(0, run("check"));
        assertTrue(out().contains("ok: no problems"), out());
        assertTrue(out().contains("shared: 'web' is claimed by 2 owners: web-1 ("), out());
        assertTrue(out().contains("aliases: 3 owners, 2 names in "), out());
        Files.writeString(dir.resolve("aliases/net1/bad.hosts"), "192.0.2.1 ok\n\n192.0.2.300 broken\n");
        out.reset();
        assertEquals(1, run("check"));
        assertTrue(out().contains("problem: " + dir.resolve("aliases/net1/bad.hosts") + ":3: '192.0.2.300' is not an IP address"), out());
    }

    @Test
    void checkAsksEachHostNameserverAndReportsOneThatDoesNotAnswer() {
        try (TestDnsServer answering = TestDnsServer.start(); TestDnsServer silent = TestDnsServer.start()) {
            silent.fault(Fault.drop());
            settings.add("nameservers=" + answering.endpoint() + "," + silent.endpoint());

            assertEquals(1, run("check"));

            assertTrue(out().contains("nameserver " + answering.endpoint() + ": answers ("), out());
            assertTrue(out().contains("problem: nameserver " + silent.endpoint() + ": no answer within 1000.0 ms"), out());
            assertEquals(1, answering.queryCount());
        }
    }

    @Test
    void configurationErrorsNameTheKey() {
        settings.add("lookupTimeout=soon");
        assertEquals(1, run("check"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'lookupTimeout'"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("explain", "web"));
    }

    @Test
    void configFileOption() throws IOException {
        Path file = dir.resolve("rc.properties");
        Files.writeString(file, "aliases.scopes=net1\n");
        assertEquals(0, run("explain", "--config", file.toString(), "db.net1"));
        assertTrue(out().contains("answer: 192.0.2.30"), out());
    }
}
