package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.Etcd;
import dev.resolvechain.testkit.TestPki;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd with TLS (client certificates required) and its own authentication, as a production cluster runs: the agent
 * and the commands with {@code aliases.etcd.ca}, {@code .cert}, {@code .key}, {@code .user} and {@code .passwordFile}
 * read and follow the aliases, and the TLS handshake makes no lookup through the chain. A CA that does not match, or a
 * wrong password, is one clear line in the log, and the JVM goes on with its other tiers.
 */
class EtcdSecurityIT {
    private static final String USER = "root";
    private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());
    private static final long EXPLAIN_WAIT_MILLIS = 15_000;
    private static TestPki pki;
    private static TestPki otherPki;
    private static Etcd etcd;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEtcd() {
        Etcd.requireInstalled();
        TestPki.requireOpenssl();
        pki = TestPki.create();
        otherPki = TestPki.create();
        etcd = Etcd.single().tls(pki).auth(USER, PASSWORD).start();
    }

    @AfterAll
    static void stopEtcd() {
        for (AutoCloseable closeable : new AutoCloseable[] {etcd, pki, otherPki}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The source with the test PKI's client certificate, trusting {@code ca}, as {@code USER} with {@code password}. */
    private EtcdAliases aliases(ChainFiles files, Path ca, String password) {
        Path passwordFile = files.file("etcd-password", password);
        return new EtcdAliases(etcd, files).access("aliases.etcd.ca=" + ca, "aliases.etcd.cert=" + pki.clientCert(),
                "aliases.etcd.key=" + pki.clientKey(), "aliases.etcd.user=" + USER, "aliases.etcd.passwordFile=" + passwordFile);
    }

    /**
     * The alias through TLS and auth, then a change made by the command line, also through TLS and auth. The child
     * looks the alias up until it answers: a JVM's start waits at most a second for etcd's first answer, and a cold
     * JVM's first TLS handshake and authentication can take about that long on a busy machine (a JVM with a snapshot
     * answers from it meanwhile: see EtcdSnapshotIT). The lookups that took are printed.
     */
    @OnBothJdks
    void theAgentAndTheCommandsReachEtcdThroughTlsAndAuth(Jdk jdk) throws InterruptedException {
        EtcdAliases aliases = aliases(new ChainFiles(dir), pki.caCert(), PASSWORD);
        aliases.put("api-1", "192.0.2.61 api");
        Path recording = dir.resolve("lookups.jfr");
        ScriptResult result;
        try (RunningJvm child = aliases.jvm(jdk).option(RecordedLookups.option(recording)).timeout(Duration.ofSeconds(30))
                .start("until:api=-> 192.0.2.61", "await", "until:api=-> 192.0.2.62", "nested", "threads")) {
            TestJvm.atAwait(child, () -> aliases.command(jdk, "register", "api-1", "192.0.2.62", "api", "--ttl", "60s").succeeded());
            result = new ScriptResult(child.finish()).succeeded();
        }
        System.out.printf("%s: %s; the first answer of the alias after %s%n", jdk, result.stderrLines().stream()
                .filter(line -> line.contains(" installed ")).findFirst().orElse("?"), result.answer("until:api=-> 192.0.2.61"));
        assertEquals("none", result.answer("threads"));
        assertEquals("0", result.answer("nested"));
        assertEquals(List.of(), result.stderrLines().stream().filter(line -> line.startsWith("resolvechain WARN")).toList(),
                "nothing to warn of\n" + result.describe());
        assertTrue(result.stderrLines().stream().anyMatch(line -> line.startsWith("resolvechain INFO: aliases: following " + aliases.location())),
                result::describe);
        RecordedLookups lookups = RecordedLookups.read(recording);
        assertEquals(List.of(), lookups.notFrom("main"), "TLS to etcd looks nothing up through the chain");

        assertEquals("unregistered: api-1", aliases.command(jdk, "unregister", "api-1").succeeded().stdout().strip());
        assertNull(aliases.get("api-1"));
    }

    /**
     * A CA that did not sign the member's certificate, and a wrong password: each JVM answers from its hosts file, and
     * says what is wrong in one line of its log and in {@code explain}.
     */
    @OnBothJdks
    void aWrongCaOrPasswordIsOneClearLineAndTheChainGoesOnWithItsOtherTiers(Jdk jdk) throws InterruptedException {
        ChainFiles files = new ChainFiles(dir).hosts("192.0.2.69 api");
        EtcdAliases wrongCa = aliases(files, otherPki.caCert(), PASSWORD);
        wrongCa.put("api-1", "192.0.2.61 api");
        EtcdAliases wrongPassword = aliases(files, pki.caCert(), "not-" + PASSWORD);

        String untrusted = refused(jdk, wrongCa, "PKIX path");
        assertTrue(untrusted.contains("member " + etcd.member(0).endpoint() + ": SSLHandshakeException: TLS refused; are aliases.etcd.ca"), untrusted);
        String unauthenticated = refused(jdk, wrongPassword, "user " + USER + " could not authenticate");
        assertTrue(unauthenticated.contains("'etcdserver: authentication failed, invalid user ID or password'"), unauthenticated);
        System.out.println(jdk + ":\n" + untrusted + "\n" + unauthenticated);
    }

    /**
     * Runs a child of {@code aliases}, which etcd refuses: once {@code explain} of the running JVM names the problem
     * ({@code why}), its lookups go on through the hosts file, nothing waits and the log has the one line, returned.
     */
    private static String refused(Jdk jdk, EtcdAliases aliases, String why) throws InterruptedException {
        ScriptResult result;
        String explained;
        try (RunningJvm child = aliases.jvm(jdk, "log.level=warn").start("all:api", "await", "all:api", "threads")) {
            child.awaitLine("await -> ");
            explained = awaitExplained(jdk, aliases, child.pid(), why);
            child.send("go");
            result = new ScriptResult(child.finish()).succeeded();
        }
        assertEquals(List.of("-> 192.0.2.69", "-> 192.0.2.69"), result.outcomes("all:api"), "the hosts tier answers\n" + result.describe());
        assertEquals("none", result.answer("threads"));
        assertTrue(explained.contains("answer: 192.0.2.69  (by hosts"), explained);
        List<String> warnings = result.stderrLines().stream().filter(line -> line.startsWith("resolvechain WARN: ")).toList();
        assertEquals(1, warnings.size(), "one line, however often the agent tries again\n" + result.describe());
        String line = warnings.get(0);
        assertTrue(line.contains(aliases.location() + ": etcd cannot be followed (") && line.contains(why) && line.endsWith("): no aliases yet"),
                line);
        return line;
    }

    /** {@code explain api --pid PID} once it shows an alias problem that mentions {@code why}: its output. */
    private static String awaitExplained(Jdk jdk, EtcdAliases aliases, long pid, String why) throws InterruptedException {
        long deadline = System.currentTimeMillis() + EXPLAIN_WAIT_MILLIS;
        ScriptResult explain = aliases.command(jdk, "explain", "api", "--pid", String.valueOf(pid));
        while (!(explain.exitCode() == 0 && explain.stdout().contains(why)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            explain = aliases.command(jdk, "explain", "api", "--pid", String.valueOf(pid));
        }
        ScriptResult last = explain;
        assertTrue(last.exitCode() == 0 && last.stdout().contains(why), () -> "explain never named '" + why + "'\n" + last.describe());
        return last.stdout();
    }
}
