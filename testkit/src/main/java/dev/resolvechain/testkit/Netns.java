package dev.resolvechain.testkit;

import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A network namespace of the test's own, joined to this one by a veth pair: where a nameserver can live that is not on
 * loopback, and where a child process reads a resolv.conf, hosts and nsswitch.conf of the test's, never the machine's.
 *
 * <p>Each namespace owns a block {@code 10.X.Y.0/24} ({@link #block()}): X from this JVM's pid, Y from a counter, checked
 * unused and claimed by a blackhole route for the whole block, so that concurrent tests never share a block and nothing
 * sent to an address of it that was not set up leaves this machine. Link {@code i} (of {@link Builder#links}) is the
 * /30 at {@code 10.X.Y.4i}: {@link #hostSide(int) 10.X.Y.(4i+1)} on this side, {@link #inside(int) 10.X.Y.(4i+2)} in
 * the namespace, all on the one veth pair. The {@link #spare} addresses, {@code 10.X.Y.64} and up, go nowhere until a
 * {@link #route} says where. Inside, loopback is up.
 *
 * <p>{@code /etc/netns/NAME/{resolv.conf,hosts,nsswitch.conf}} are written from the builder's text: {@code ip netns exec}
 * (so {@link #exec} and a {@code JvmLaunch} {@code via(netns.via())}) mounts them over /etc's, and glibc and the
 * JDK's resolver inside read them.
 *
 * <p>{@link #close()} kills every process left inside, deletes the veth pair, the routes, the namespace and its
 * /etc/netns folder; a shutdown hook does the same for a test that dies first. Needs root and iproute2: creating one
 * skips the calling test without them, or fails it in CI ({@link Requirements}).
 *
 * <pre>{@code
 * try (Netns netns = Netns.builder().links(2).hosts("127.0.0.1 localhost\n").create()) {
 *     netns.resolvConf("nameserver " + netns.address().getHostAddress() + "\nnameserver " + netns.inside(1).getHostAddress() + "\n");
 *     netns.route("unreachable " + netns.spare(1).getHostAddress() + "/32");
 *     ... run servers and clients inside through netns.via() ...
 * }
 * }</pre>
 */
public final class Netns implements AutoCloseable {

    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicInteger CREATED = new AtomicInteger();
    /** X of 10.X.Y.0/24 is 160 and up, from the pid: concurrent JVMs mostly try different blocks, and the claim settles the rest. */
    private static final int FIRST_X = 160;
    private static final int X_SPREAD = 64;
    private static final int BLOCKS_TRIED = 256;
    private static final int MAX_LINKS = 16;
    private static final int FIRST_SPARE = 64;
    private static final int SPARES = 190;
    private static final String INSIDE_INTERFACE = "veth0";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROCESS_EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern IPV4_PREFIX = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+)(/\\d+)?");

    private final String name;
    private final String hostInterface;
    /** {@code 10.X.Y.} */
    private final String prefix;
    private final int links;
    private final Path etc;
    /** The host routes added, to delete at close; first the block's claim. */
    private final List<String> routes = new ArrayList<>();
    private final Thread cleanupHook;
    private boolean closed;

    private Netns(String name, String hostInterface, String prefix, int links) {
        this.name = name;
        this.hostInterface = hostInterface;
        this.prefix = prefix;
        this.links = links;
        this.etc = Path.of("/etc/netns", name);
        routes.add("blackhole " + block());
        cleanupHook = new Thread(this::close, "netns-cleanup-" + name);
        Runtime.getRuntime().addShutdownHook(cleanupHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A namespace with one link, loopback as its nameserver and only localhost in its hosts file. */
    public static Netns create() {
        return builder().create();
    }

    public String name() {
        return name;
    }

    /** {@code 10.X.Y.0/24}: every address of this namespace and its routes. */
    public String block() {
        return prefix + "0/24";
    }

    /** The veth on this side, e.g. for a route like {@code 10.X.Y.70/32 dev INTERFACE}: an address on the link that nobody holds. */
    public String hostInterface() {
        return hostInterface;
    }

    /** The namespace's address of the first link, {@code 10.X.Y.2}. */
    public InetAddress address() {
        return inside(0);
    }

    /** The namespace's address of link {@code link}: {@code 10.X.Y.(4 link + 2)}. */
    public InetAddress inside(int link) {
        return Literals.address(prefix + (4 * checkedLink(link) + 2));
    }

    /** This side's address of link {@code link}: {@code 10.X.Y.(4 link + 1)}. */
    public InetAddress hostSide(int link) {
        return Literals.address(prefix + (4 * checkedLink(link) + 1));
    }

    /** An address of the block that nothing holds, {@code 10.X.Y.(64 + index)}: blackholed until a {@link #route} says otherwise. */
    public InetAddress spare(int index) {
        if (index < 0 || index >= SPARES) {
            throw new IllegalArgumentException("spare " + index + " is not within [0, " + SPARES + ")");
        }
        return Literals.address(prefix + (FIRST_SPARE + index));
    }

    /** {@code ip netns exec NAME}: the command that runs a program inside, e.g. for {@code JvmLaunch.via}. */
    public String[] via() {
        return new String[] {"ip", "netns", "exec", name};
    }

    /**
     * Adds the route {@code spec} on this side ({@code ip route add SPEC}), e.g. {@code blackhole 10.X.Y.64/32} or
     * {@code unreachable 10.X.Y.65/32}; {@link #close()} deletes it. Its addresses must be of this {@link #block()}.
     */
    public Netns route(String spec) {
        Matcher addresses = IPV4_PREFIX.matcher(spec);
        boolean any = false;
        while (addresses.find()) {
            any = true;
            if (!addresses.group(1).startsWith(prefix)) {
                throw new IllegalArgumentException("route '" + spec + "' reaches out of " + block() + ": tests send only to their own namespaces");
            }
        }
        if (!any) {
            throw new IllegalArgumentException("route '" + spec + "' names no address of " + block());
        }
        synchronized (this) {
            ip(Stream.concat(Stream.of("route", "add"), words(spec)).toArray(String[]::new));
            routes.add(spec);
        }
        return this;
    }

    /** Rewrites the namespace's resolv.conf, which processes inside see at once. */
    public Netns resolvConf(String text) {
        write("resolv.conf", text);
        return this;
    }

    /** Runs {@code command} inside and returns its standard output and error; IllegalStateException when it fails. */
    public String exec(String... command) {
        return run(Stream.concat(Stream.of(via()), Stream.of(command)).toList());
    }

    /**
     * Kills every process left inside, then deletes the routes, the veth pair, the namespace and /etc/netns/NAME;
     * carries on past a step that fails, and then throws IllegalStateException saying which did.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> failures = new ArrayList<>();
        killProcessesInside(failures);
        // routes first: deleting the veth deletes those through it
        for (int i = routes.size() - 1; i >= 0; i--) {
            attempt(failures, Stream.concat(Stream.of("route", "del"), words(routes.get(i))).toArray(String[]::new));
        }
        if (Files.exists(Path.of("/sys/class/net", hostInterface))) {
            attempt(failures, "link", "del", hostInterface);
        }
        if (Files.exists(Path.of("/run/netns", name))) {
            attempt(failures, "netns", "del", name);
        }
        try {
            Trees.delete(etc);
        } catch (IOException e) {
            failures.add("deleting " + etc + ": " + e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException shuttingDown) {
            // this is the hook
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("cleaning up " + this + ": " + String.join("; ", failures));
        }
    }

    @Override
    public String toString() {
        return "network namespace " + name + " (" + block() + ")";
    }

    private int checkedLink(int link) {
        if (link < 0 || link >= links) {
            throw new IllegalArgumentException("link " + link + " is not within [0, " + links + ")");
        }
        return link;
    }

    private void setUp(Builder files) {
        write("resolv.conf", files.resolvConf);
        write("hosts", files.hosts);
        write("nsswitch.conf", files.nsswitch);
        ip("netns", "add", name);
        ip("link", "add", hostInterface, "type", "veth", "peer", "name", INSIDE_INTERFACE, "netns", name);
        for (int link = 0; link < links; link++) {
            ip("addr", "add", hostSide(link).getHostAddress() + "/30", "dev", hostInterface);
            ip("-n", name, "addr", "add", inside(link).getHostAddress() + "/30", "dev", INSIDE_INTERFACE);
        }
        ip("link", "set", hostInterface, "up");
        ip("-n", name, "link", "set", "lo", "up");
        ip("-n", name, "link", "set", INSIDE_INTERFACE, "up");
        String mounted = exec("cat", "/etc/resolv.conf");
        if (!mounted.equals(files.resolvConf)) {
            throw new IllegalStateException("ip netns exec did not mount " + etc.resolve("resolv.conf") + " over /etc/resolv.conf: inside it reads\n" + mounted);
        }
    }

    private void write(String file, String text) {
        try {
            Files.createDirectories(etc);
            Files.writeString(etc.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void killProcessesInside(List<String> failures) {
        if (!Files.exists(Path.of("/run/netns", name))) {
            return;
        }
        List<ProcessHandle> inside;
        try {
            inside = words(ip("netns", "pids", name)).map(Long::parseLong).map(ProcessHandle::of).flatMap(Optional::stream).toList();
        } catch (RuntimeException e) {
            failures.add(e.getMessage());
            return;
        }
        inside.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : inside) {
            try {
                process.onExit().get(PROCESS_EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                failures.add("process " + process.pid() + " did not end: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("interrupted while waiting for process " + process.pid());
            }
        }
    }

    private static void attempt(List<String> failures, String... ipArguments) {
        try {
            ip(ipArguments);
        } catch (RuntimeException e) {
            failures.add(e.getMessage());
        }
    }

    private static String ip(String... arguments) {
        return run(Stream.concat(Stream.of("ip"), Stream.of(arguments)).toList());
    }

    private static boolean succeeds(String... ipArguments) {
        try {
            ip(ipArguments);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static Stream<String> words(String text) {
        return Stream.of(text.strip().split("\\s+")).filter(word -> !word.isEmpty());
    }

    /** Runs {@code command} to its end, with none of this machine's resolver or JVM settings; its output, or IllegalStateException. */
    private static String run(List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("netns-command-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            JvmLaunch.removeInheritedConfiguration(builder.environment());
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + COMMAND_TIMEOUT);
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /** What the namespace is given: its files and its number of links. */
    public static final class Builder {

        private String resolvConf = "nameserver 127.0.0.1\n";
        private String hosts = "127.0.0.1 localhost\n::1 localhost\n";
        private String nsswitch = "hosts: files dns\n";
        private int links = 1;

        private Builder() {}

        /** The namespace's /etc/resolv.conf; by default {@code nameserver 127.0.0.1}. */
        public Builder resolvConf(String text) {
            resolvConf = text;
            return this;
        }

        /** The namespace's /etc/hosts; by default localhost only. */
        public Builder hosts(String text) {
            hosts = text;
            return this;
        }

        /** The namespace's /etc/nsswitch.conf; by default {@code hosts: files dns}. */
        public Builder nsswitch(String text) {
            nsswitch = text;
            return this;
        }

        /** How many /30 links the veth pair carries, each an address on either side (default 1, at most 16): e.g. 2 for two servers. */
        public Builder links(int count) {
            if (count < 1 || count > MAX_LINKS) {
                throw new IllegalArgumentException(count + " links: from 1 to " + MAX_LINKS);
            }
            links = count;
            return this;
        }

        /** Creates the namespace, in the first unused block; skips the calling test without root or iproute2, fails it in CI. */
        public Netns create() {
            Requirements.requireRoot("a network namespace");
            Requirements.requireCommand("ip");
            for (int tried = 0; tried < BLOCKS_TRIED; tried++) {
                int index = CREATED.getAndIncrement();
                String prefix = "10." + (FIRST_X + PID % X_SPREAD) + "." + (index % 256) + ".";
                String name = "rc-" + PID + "-" + index;
                String hostInterface = "rc" + PID + "n" + index;
                boolean leftOver = Files.exists(Path.of("/run/netns", name)) || Files.exists(Path.of("/sys/class/net", hostInterface));
                if (leftOver || inUse(prefix + "0/24") || !succeeds("route", "add", "blackhole", prefix + "0/24")) {
                    continue;
                }
                Netns netns = new Netns(name, hostInterface, prefix, links);
                try {
                    netns.setUp(this);
                    return netns;
                } catch (RuntimeException e) {
                    try {
                        netns.close();
                    } catch (RuntimeException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                    throw e;
                }
            }
            throw new IllegalStateException("no free 10.x.y.0/24 block for a network namespace after " + BLOCKS_TRIED + " tries");
        }

        private static boolean inUse(String block) {
            return !ip("-4", "route", "show", "root", block).isBlank() || !ip("-4", "-o", "addr", "show", "to", block).isBlank();
        }
    }
}
