package dev.resolvechain.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.Requirements;
import dev.resolvechain.testkit.Trees;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chain against glibc, name by name: in a network namespace of its own, dnsmasq serves a test
 * zone on 127.0.0.1:53 and 127.0.0.2:53; for several resolv.conf files (written to
 * {@code /etc/netns/NS/resolv.conf}, which {@code ip netns exec} mounts over /etc/resolv.conf, so
 * the host's own is never touched), {@code getent ahosts NAME} (glibc's getaddrinfo) and the chain,
 * run in a child JVM in the same namespace, must agree on whether each name resolves and to which
 * addresses. The names cover relative, search-expanded, dotted and absolute names, CNAMEs, AAAA-only
 * names, NODATA and NXDOMAIN; one variant has a search domain whose server never answers.
 *
 * <p>Needs root (network namespaces) and iproute2, dnsmasq and getent: skipped without them, except in
 * CI ({@code CI=true}), where it fails ({@link Requirements}). The namespace, dnsmasq and the files are removed after
 * the test, even when it fails.
 */
class GlibcDifferentialTest {
    private static final String ZONE = """
            host-record=web.one.test,192.0.2.10,2001:db8::10
            host-record=web.two.test,192.0.2.20
            host-record=db.two.test,192.0.2.21
            host-record=v6.one.test,2001:db8::6
            cname=alias.one.test,web.one.test
            cname=alias2.two.test,db.two.test
            host-record=a.b.one.test,192.0.2.30
            host-record=a.b,192.0.2.31
            host-record=x.y.z.one.test,192.0.2.40
            host-record=x.y.z,192.0.2.41
            host-record=ready.test,192.0.2.1
            txt-record=nodata.one.test,"no address here"
            host-record=web,192.0.2.50
            server=/silent.test/127.0.0.3#53
            local=/#/
            """;
    /** Relative, search-expanded, with dots, absolute, CNAME, AAAA-only, NODATA, NXDOMAIN, upper case. */
    private static final List<String> NAMES = List.of("web", "WEB", "db", "v6", "alias", "alias2", "a.b", "x.y.z", "web.one.test",
            "web.two.test.", "db.two.test", "web.one", "nodata", "missing", "missing.test", "missing.test.", "web.one.test.one.test");

    private static String namespace;
    private static Path directory;
    private static Process dnsmasq;
    private static Thread cleanupHook;

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("two search domains, ndots:1", "nameserver 127.0.0.1\nsearch one.test two.test\noptions ndots:1\n"),
                Arguments.of("two search domains, ndots:3", "nameserver 127.0.0.1\nsearch one.test two.test\noptions ndots:3\n"),
                Arguments.of("search domains the other way round", "nameserver 127.0.0.1\nsearch two.test one.test\n"),
                Arguments.of("two servers, rotate", "nameserver 127.0.0.1\nnameserver 127.0.0.2\noptions rotate\nsearch one.test two.test\n"),
                Arguments.of("domain instead of search", "nameserver 127.0.0.2\ndomain two.test\n"),
                Arguments.of("no search list", "nameserver 127.0.0.1\n"),
                Arguments.of("ndots:0", "nameserver 127.0.0.1\nsearch one.test\noptions ndots:0\n"),
                Arguments.of("comments and options over several lines",
                        "# generated\n; for the test\nnameserver 127.0.0.1\noptions timeout:2\nsearch one.test two.test\noptions ndots:2 attempts:2\n"),
                // dnsmasq forwards silent.test to 127.0.0.3, where nothing answers: a search domain that times out
                Arguments.of("a search domain that times out", "nameserver 127.0.0.1\nsearch silent.test one.test\noptions timeout:1 attempts:1\n",
                        List.of("web", "a.b", "web.two.test", "missing")));
    }

    static Stream<Arguments> variantsAllNames() {
        return variants().map(arguments -> arguments.get().length == 3 ? arguments
                : Arguments.of(arguments.get()[0], arguments.get()[1], NAMES));
    }

    @BeforeAll
    static void startNamespace() throws Exception {
        Requirements.requireRoot("the differential test against glibc (it creates a network namespace)");
        Requirements.requireCommand("ip");
        Requirements.requireCommand("getent");
        Dnsmasq.assumeInstalled();

        namespace = "rc-diff-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        directory = Files.createTempDirectory("rc-diff-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        cleanupHook = new Thread(GlibcDifferentialTest::cleanUp, "rc-diff-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupHook);

        run("ip", "netns", "add", namespace);
        inNamespace("ip", "link", "set", "lo", "up");
        inNamespace("ip", "addr", "add", "127.0.0.2/8", "dev", "lo");
        // getaddrinfo's AI_ADDRCONFIG asks for a family only if the host has an address of it other than 127.0.0.1 and ::1:
        // with one of each, glibc asks for both, as the chain does (the JDK, not the host's addresses, decides its families)
        inNamespace("ip", "addr", "add", "fd00:53::1/128", "dev", "lo", "nodad");
        Files.createDirectories(netnsEtc());
        write(netnsEtc().resolve("hosts"), "127.0.0.1 localhost\n::1 localhost\n");
        write(netnsEtc().resolve("resolv.conf"), "nameserver 127.0.0.1\n");
        Files.writeString(directory.resolve("dnsmasq.conf"), ZONE);
        dnsmasq = new ProcessBuilder("ip", "netns", "exec", namespace, dnsmasqBinary(), "--no-daemon", "--user=root", "--port=53",
                "--listen-address=127.0.0.1,127.0.0.2", "--bind-interfaces", "--no-resolv", "--no-hosts", "--log-queries",
                "--conf-file=" + directory.resolve("dnsmasq.conf"), "--pid-file=" + directory.resolve("dnsmasq.pid"))
                .redirectErrorStream(true).redirectOutput(directory.resolve("dnsmasq.log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!getent("ready.test.").resolved()) {
            if (!dnsmasq.isAlive() || System.nanoTime() - end > 0) {
                fail("dnsmasq in " + namespace + " did not answer: " + Files.readString(directory.resolve("dnsmasq.log")));
            }
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stopNamespace() {
        cleanUp();
        if (cleanupHook != null) {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        }
    }

    /** Ends dnsmasq, deletes the namespace and the files; safe to call twice (the shutdown hook may call it after a crash). */
    private static synchronized void cleanUp() {
        if (dnsmasq != null) {
            dnsmasq.descendants().forEach(ProcessHandle::destroyForcibly);
            dnsmasq.destroyForcibly();
            try {
                dnsmasq.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dnsmasq = null;
        }
        if (namespace != null) {
            try {
                run("ip", "netns", "del", namespace);
            } catch (RuntimeException e) {
                System.err.println("could not delete network namespace " + namespace + ": " + e.getMessage());
            }
            deleteTree(netnsEtc());
            namespace = null;
        }
        if (directory != null) {
            deleteTree(directory);
            directory = null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variantsAllNames")
    void theChainAnswersWhatGlibcAnswers(String variant, String resolvConf, List<String> names) throws Exception {
        write(netnsEtc().resolve("resolv.conf"), resolvConf);
        Map<String, Result> glibc = new LinkedHashMap<>();
        for (String name : names) {
            glibc.put(name, getent(name));
        }
        Map<String, Result> chain = chain(names);

        List<String> differences = new ArrayList<>();
        for (String name : names) {
            Result expected = glibc.get(name);
            Result actual = chain.get(name);
            if (actual == null || !expected.addresses().equals(actual.addresses())) {
                differences.add(String.format("  %-22s glibc: %-45s chain: %s", name, expected, actual));
            }
        }
        assertEquals(List.of(), differences, "with resolv.conf\n" + resolvConf.indent(4) + "the chain and glibc disagree on\n"
                + String.join("\n", differences) + "\n");
        assertEquals(true, glibc.values().stream().anyMatch(Result::resolved) && !glibc.values().stream().allMatch(Result::resolved),
                "the table has names that resolve and names that do not: " + glibc);
    }

    /** A lookup's outcome: the set of addresses (empty: not resolved), and for a failure of the chain, its reason. */
    record Result(Set<String> addresses, String reason) {
        boolean resolved() {
            return !addresses.isEmpty();
        }

        @Override
        public String toString() {
            return addresses.isEmpty() ? "not found" + (reason == null ? "" : " (" + reason + ")") : String.join(" ", addresses);
        }
    }

    /** What glibc's getaddrinfo (AF_UNSPEC) answers in the namespace. */
    private static Result getent(String name) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("ip", "netns", "exec", namespace, "getent", "ahosts", name);
        JvmLaunch.removeInheritedConfiguration(builder.environment());
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("getent ahosts " + name + " did not end");
        }
        Set<String> addresses = new TreeSet<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                addresses.add(normalized(line.trim().split("\\s+")[0]));
            }
        }
        int status = process.exitValue();
        if (status != 0 && status != 2) {
            fail("getent ahosts " + name + " exited with " + status + ": " + output);
        }
        return new Result(addresses, null);
    }

    /** The chain's answers, from a child JVM in the namespace reading its /etc/resolv.conf and /etc/hosts. */
    private static Map<String, Result> chain(List<String> names) {
        List<String> arguments = new ArrayList<>(List.of("resolvConf=/etc/resolv.conf;hostsFile=/etc/hosts;lookupTimeout=10s;log.level=warn"));
        arguments.addAll(names);
        String output = JvmLaunch.on(Jdk.current()).via("ip", "netns", "exec", namespace).option("-Xshare:auto", "-XX:TieredStopAtLevel=1")
                .classPath(Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toArray(Path[]::new))
                .timeout(Duration.ofSeconds(60)).main(ChainLookups.class, arguments.toArray(String[]::new)).run().succeeded().stdout();
        Map<String, Result> results = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] fields = line.split("\t", 3);
            if (fields.length == 3) {
                Set<String> addresses = new TreeSet<>();
                if (fields[1].equals("OK")) {
                    for (String address : fields[2].split(",")) {
                        addresses.add(normalized(address));
                    }
                }
                results.put(fields[0], new Result(addresses, fields[1].equals("OK") ? null : fields[2]));
            }
        }
        return results;
    }

    /** One spelling per address: {@code 2001:db8::10} and {@code 2001:db8:0:0:0:0:0:10} are one. */
    private static String normalized(String literal) {
        InetAddress address = IpLiteral.parse(literal);
        return address == null ? literal : address.getHostAddress();
    }

    private static Path netnsEtc() {
        return Path.of("/etc/netns", namespace);
    }

    private static String dnsmasqBinary() {
        return Files.isExecutable(Path.of("/usr/sbin/dnsmasq")) ? "/usr/sbin/dnsmasq" : "dnsmasq";
    }

    private static void inNamespace(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new file renamed into place: {@code ip netns exec} mounts the file as it is when a command starts. */
    private static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path root) {
        try {
            Trees.delete(root);
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
