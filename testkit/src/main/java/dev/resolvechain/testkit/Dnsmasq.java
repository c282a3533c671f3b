package dev.resolvechain.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real dnsmasq on 127.0.0.1 and a free port, on another loopback address and port 53, or inside a {@link Netns} on one of its addresses and port 53,
 * configured by a {@link Builder}, reading no file of the system's (no /etc/dnsmasq.conf, /etc/hosts or
 * /etc/resolv.conf): what it knows is what the builder gave it.
 *
 * <pre>{@code
 * try (Dnsmasq dnsmasq = Dnsmasq.builder().hostRecord("web.vip", "192.0.2.10").local("vip").start()) {
 *     ... query dnsmasq.endpoint() ...
 * }
 * }</pre>
 */
public final class Dnsmasq implements AutoCloseable {

    private static final Path USUAL_BINARY = Path.of("/usr/sbin/dnsmasq");
    private static final String LOOPBACK = "127.0.0.1";
    private static final String CONFIG_FILE = "dnsmasq.conf";
    private static final String LOG_FILE = "dnsmasq.log";
    private static final String PID_FILE = "dnsmasq.pid";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(200);
    private static final Duration PROBE_PAUSE = Duration.ofMillis(20);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);
    /** dnsmasq answers this itself, whatever it forwards, so that probing it adds no query to an upstream's log. */
    private static final Record PROBE = Record.newRecord(Name.fromConstantString("version.bind."), Type.TXT, DClass.CH);

    private static final int DNS_PORT = 53;

    private final Path binary;
    private final Path directory;
    private final List<String> launcher;
    private final InetAddress address;
    private final int port;
    private Process process;

    private Dnsmasq(Path binary, Path directory, List<String> launcher, InetAddress address, int port) {
        this.binary = binary;
        this.directory = directory;
        this.launcher = launcher;
        this.address = address;
        this.port = port;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a dnsmasq binary is at /usr/sbin/dnsmasq or on the PATH. */
    public static boolean installed() {
        return binary().isPresent();
    }

    /** Skips the calling test when dnsmasq is not installed, or fails it in CI: see {@link Requirements}. */
    public static void assumeInstalled() {
        Requirements.require(installed(), "dnsmasq is not installed (Debian package dnsmasq-base)");
    }

    public int port() {
        return port;
    }

    public InetAddress address() {
        return address;
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address(), port);
    }

    /** {@code ADDRESS:PORT}, e.g. {@code 127.0.0.1:PORT}. */
    public String endpoint() {
        return Literals.endpoint(socketAddress());
    }

    /** Starts dnsmasq (again, after {@link #stop()}, on the same port) and returns once it answers queries. */
    public synchronized Dnsmasq start() {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(this + " is closed");
        }
        if (process != null) {
            return this;
        }
        try {
            process = new ProcessBuilder(command())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        }
        awaitAnswering();
        return this;
    }

    /** Ends dnsmasq, and the processes it forked for TCP connections. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops dnsmasq and deletes its configuration and log. */
    @Override
    public synchronized void close() {
        stop();
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What dnsmasq wrote: its log and anything on its standard output and error. */
    public String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration file as dnsmasq's messages refer to it: by line number. */
    private String numberedConfiguration() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve(CONFIG_FILE));
            StringBuilder numbered = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                numbered.append(i + 1).append(": ").append(lines.get(i)).append('\n');
            }
            return numbered.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "dnsmasq " + endpoint();
    }

    private List<String> command() {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                binary.toString(),
                "--keep-in-foreground",
                "--no-resolv",
                "--no-hosts",
                // it otherwise drops to nobody, and then silently serves nothing from this private directory
                "--user=root",
                "--bind-interfaces",
                "--listen-address=" + address.getHostAddress(),
                "--port=" + port,
                "--log-facility=" + logFile(),
                "--pid-file=" + directory.resolve(PID_FILE),
                "--conf-file=" + directory.resolve(CONFIG_FILE)));
        return command;
    }

    private void awaitAnswering() {
        SimpleResolver resolver = new SimpleResolver(socketAddress());
        resolver.setTimeout(PROBE_TIMEOUT);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                resolver.send(Message.newQuery(PROBE));
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        String reason = process.isAlive() ? "did not answer within " + READY_TIMEOUT.toSeconds() + " s" : "exited";
        stop();
        throw new IllegalStateException(this + " " + reason + "; its configuration:\n" + numberedConfiguration() + "its log:\n" + log());
    }

    private static void pause() {
        try {
            Thread.sleep(PROBE_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dnsmasq", e);
        }
    }

    private Path logFile() {
        return directory.resolve(LOG_FILE);
    }

    static Optional<Path> binary() {
        Stream<Path> path = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, "dnsmasq"));
        return Stream.concat(Stream.of(USUAL_BINARY), path).filter(Files::isExecutable).findFirst();
    }

    /** The configuration of a dnsmasq: each method adds one line of its configuration file. */
    public static final class Builder {

        private final List<String> lines = new ArrayList<>();
        private List<String> launcher = List.of();
        private InetAddress listenAddress;

        private Builder() {}

        /**
         * Runs dnsmasq inside {@code netns}, listening on {@code address}:53; an address of its veth ({@link
         * Netns#inside}) is one this side reaches, and so can tell when dnsmasq answers.
         */
        public Builder inside(Netns netns, InetAddress address) {
            if (address.isLoopbackAddress()) {
                throw new IllegalArgumentException(address.getHostAddress() + " inside " + netns + " is not reachable from here: use a veth address");
            }
            launcher = List.of(netns.via());
            listenAddress = address;
            return this;
        }

        /**
         * Listens on {@code address}:53 of this machine's loopback (any of 127.0.0.0/8 but 127.0.0.1, whose port 53 another
         * server may hold): a nameserver a resolv.conf, which has no port syntax, can name. Needs root, and the port free.
         */
        public Builder onLoopbackPort53(InetAddress address) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException(address.getHostAddress() + " is not on loopback: tests talk to loopback only");
            }
            launcher = List.of();
            listenAddress = address;
            return this;
        }

        /** {@code host-record=name,address,...}: A and AAAA records, and the PTR records for them. */
        public Builder hostRecord(String name, String... addresses) {
            return option("host-record=" + name + "," + String.join(",", addresses));
        }

        /** {@code address=spec}, e.g. {@code /wild.vip/192.0.2.99}: that address for the domain and all below it. */
        public Builder address(String spec) {
            return option("address=" + spec);
        }

        /** {@code cname=alias,target}: dnsmasq answers it only for a target it knows locally (e.g. a host-record). */
        public Builder cname(String alias, String target) {
            return option("cname=" + alias + "," + target);
        }

        /** {@code local=/domain/}: names of the domain it does not know get NXDOMAIN (REFUSED otherwise). */
        public Builder local(String domain) {
            return option("local=/" + domain + "/");
        }

        /**
         * {@code server=spec}, e.g. {@code 127.0.0.1#5353} or {@code /vip/127.0.0.1#5353}: an upstream, which must be
         * on loopback.
         */
        public Builder server(String spec) {
            String upstream = spec.substring(spec.lastIndexOf('/') + 1).split("[#@]", 2)[0];
            if (!upstream.isEmpty() && !Literals.address(upstream).isLoopbackAddress()) {
                throw new IllegalArgumentException("upstream " + upstream + " is not on loopback: tests talk to loopback only");
            }
            return option("server=" + spec);
        }

        /** Forwards what dnsmasq does not know itself to {@code upstream}. */
        public Builder server(TestDnsServer upstream) {
            return server(upstream.address().getHostAddress() + "#" + upstream.port());
        }

        /** Any line of dnsmasq's configuration file, e.g. {@code domain-needed} or {@code cache-size=0}. */
        public Builder option(String line) {
            lines.add(line);
            return this;
        }

        /** Starts dnsmasq and returns once it answers queries; throws with its log if it does not. */
        public Dnsmasq start() {
            Path binary = binary().orElseThrow(() -> new IllegalStateException("dnsmasq is not installed (Debian package dnsmasq-base)"));
            Dnsmasq dnsmasq;
            try {
                Path directory = Files.createTempDirectory("dnsmasq-");
                Files.write(directory.resolve(CONFIG_FILE), lines);
                dnsmasq = listenAddress == null
                        ? new Dnsmasq(binary, directory, launcher, Literals.address(LOOPBACK), freePort())
                        : new Dnsmasq(binary, directory, launcher, listenAddress, DNS_PORT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                return dnsmasq.start();
            } catch (RuntimeException e) {
                dnsmasq.close();
                throw e;
            }
        }

        private static int freePort() {
            try (Listeners probe = Listeners.bind(Literals.address(LOOPBACK), 0)) {
                return probe.port();
            }
        }
    }
}
