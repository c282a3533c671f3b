package dev.resolvechain.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.LogCapture;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import dev.resolvechain.dns.DnsOptions;
import dev.resolvechain.dns.DnsTier;
import dev.resolvechain.files.WatchedFiles;
import dev.resolvechain.hosts.HostsTier;
import dev.resolvechain.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * resolv.conf and the hosts file when they are not what they should be (a FIFO, an endless device,
 * a huge file): nothing blocks, nothing is read whole, the log says what was refused, and lookups go on.
 */
class HostileSystemFilesTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static Verdict lookup(dev.resolvechain.Tier tier, String name) {
        return tier.resolve(Query.forward(name, AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofSeconds(2))));
    }

    private static DnsTier dnsTier(Path resolvConf, Path dir) {
        return DnsTier.create(new DnsOptions(resolvConf, dir.resolve("no-resolved.conf"), List.of(), List.of(), null, Map.of(),
                Duration.ZERO, WatchedFiles.DEFAULT_CHECK_EVERY, 2));
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Requirements.requireCommand("mkfifo");
        Path fifo = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        return fifo;
    }

    @Test
    void aResolvConfThatIsAFifoOrAnEndlessDeviceIsRefusedUnread() throws Exception {
        for (Path resolvConf : List.of(fifo("resolv.conf"), Path.of("/dev/zero"))) {
            try (LogCapture log = LogCapture.start()) {
                Verdict verdict = assertTimeoutPreemptively(HANG_GUARD, () -> lookup(dnsTier(resolvConf, dir), "web.test"));

                assertEquals(Outcome.FAIL, verdict.outcome());
                assertTrue(verdict.detail().startsWith("no host nameserver"), verdict.detail());
                assertTrue(log.containing(resolvConf + " is a FIFO, a socket or a device, not a regular resolv.conf: not read").size() == 1,
                        log.messages().toString());
            }
        }
    }

    /** A resolv.conf of bad lines (64 KiB of them fit) gives a few warnings, then a count. */
    @Test
    void aFloodOfBadResolvConfLinesGivesAFewWarnings() throws IOException {
        Path resolvConf = Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.1\n" + "nameserver \u001b[2Jx\n".repeat(1000));
        try (LogCapture log = LogCapture.start()) {
            dnsTier(resolvConf, dir).close();

            List<String> warnings = log.messages().stream().filter(message -> message.startsWith("WARN")).toList();
            assertEquals(6, warnings.size(), warnings.toString());
            assertTrue(warnings.get(5).endsWith("and 995 more warnings of the same resolv.conf"), warnings.toString());
            assertTrue(warnings.stream().noneMatch(warning -> warning.contains("\u001b")), "escaped: " + warnings);
        }
    }

    @Test
    void aHostsFileThatIsAFifoOrAnEndlessDeviceIsRefusedUnread() throws Exception {
        for (Path hostsFile : List.of(fifo("hosts"), Path.of("/dev/zero"))) {
            try (LogCapture log = LogCapture.start()) {
                Verdict verdict = assertTimeoutPreemptively(HANG_GUARD, () -> lookup(HostsTier.load(hostsFile), "web.test"));

                assertEquals(Outcome.FALLTHROUGH, verdict.outcome());
                assertEquals(1, log.containing(hostsFile + " is a FIFO, a socket or a device, not a regular hosts file: not read").size(),
                        log.messages().toString());
            }
        }
    }

    @Test
    void aHostsFileOverItsCapIsRefusedAndTheLastGoodOneStays() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "192.0.2.10 web.test\n");
        HostsTier tier = HostsTier.load(hosts, 1024);
        assertEquals(Outcome.ANSWER, lookup(tier, "web.test").outcome());

        try (LogCapture log = LogCapture.start()) {
            Files.writeString(hosts, "192.0.2.11 web.test\n" + "#".repeat(2048) + "\n");
            long end = System.nanoTime() + HANG_GUARD.toNanos();
            while (log.containing("more than the 1 KiB a hosts file may have").isEmpty() && System.nanoTime() < end) {
                lookup(tier, "web.test");
                Thread.sleep(20);
            }
            assertEquals(1, log.containing(hosts + " is ").size(), log.messages().toString());
        }
        assertEquals(List.of("192.0.2.10"), lookup(tier, "web.test").addresses().stream().map(a -> a.getHostAddress()).toList(),
                "the last good version stays in force");
    }
}
