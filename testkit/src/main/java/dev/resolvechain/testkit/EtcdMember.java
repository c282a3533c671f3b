package dev.resolvechain.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One etcd process of an {@link Etcd}: its ports on 127.0.0.1, its data directory (kept across {@link #kill()} and
 * {@link #restart()}) and its log, which is beside the data directory.
 */
public final class EtcdMember {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROBE_PAUSE = Duration.ofMillis(20);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 30;
    private static final Pattern HANDLED = Pattern.compile("(?m)^grpc_server_handled_total\\{([^}]*)\\} (\\S+)$");

    /** Every member process this JVM started that still runs: killed as the JVM exits, should a test not have closed its etcd. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "etcd-members-exit"));
    }

    private final String name;
    private final int clientPort;
    private final int peerPort;
    private final Path dataDirectory;
    private final List<String> arguments;
    private final EtcdHttp http;
    private volatile Process process;

    private EtcdMember(String name, int clientPort, int peerPort, Path root, List<String> arguments, EtcdHttp http) {
        this.name = name;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.dataDirectory = root.resolve(name);
        this.arguments = List.copyOf(arguments);
        this.http = http;
    }

    /**
     * The members {@code m1} to {@code mSIZE} of a new cluster on free ports, their data directories and logs in a new
     * temporary directory, each run with {@code options} too; none is started.
     */
    static List<EtcdMember> create(int size, List<String> options, EtcdHttp http) {
        int[] ports = freePorts(2 * size);
        Path root;
        try {
            root = Files.createTempDirectory("etcd-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            peers.add("m" + (i + 1) + "=http://127.0.0.1:" + ports[2 * i + 1]);
        }
        List<String> arguments = new ArrayList<>(List.of(
                "--initial-cluster", String.join(",", peers), "--initial-cluster-state", "new",
                "--initial-cluster-token", root.getFileName().toString(),
                "--unsafe-no-fsync", "--logger", "zap", "--log-outputs", "stderr", "--log-level", "warn",
                // a new leader within about a second of the old one's death, and leases that keep their time left across it
                "--heartbeat-interval", "50", "--election-timeout", "500",
                "--experimental-enable-lease-checkpoint", "--experimental-enable-lease-checkpoint-persist"));
        arguments.addAll(options);
        List<EtcdMember> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(new EtcdMember("m" + (i + 1), ports[2 * i], ports[2 * i + 1], root, arguments, http));
        }
        return members;
    }

    /** {@code m1}, {@code m2}, ...: its {@code --name}. */
    public String name() {
        return name;
    }

    public int clientPort() {
        return clientPort;
    }

    public int peerPort() {
        return peerPort;
    }

    /** {@code 127.0.0.1:CLIENT_PORT}. */
    public String endpoint() {
        return "127.0.0.1:" + clientPort;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** SIGKILL, as a crash: returns once the process has exited. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    /** SIGTERM, a clean shutdown (SIGKILL if it takes over 10 s): returns once the process has exited. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        awaitExit();
    }

    /** Stops it if it runs, starts it again on the same data directory and returns once it is healthy (has a leader). */
    public synchronized void restart() {
        stop();
        launch();
        awaitHealthy();
    }

    /** Everything it wrote (warnings and worse) since the {@link Etcd} started. */
    public String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /metrics}: its Prometheus text. */
    public String metrics() {
        try {
            EtcdHttp.Response response = http.get(clientPort, "/metrics");
            if (!response.ok()) {
                throw new IllegalStateException(this + " answered GET /metrics with " + response.status() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot GET /metrics of " + this, e);
        }
    }

    /**
     * The gRPC requests it has finished since it started, of one method (e.g. {@code Range}, {@code Put},
     * {@code LeaseGrant}) or of all when {@code method} is null: every gateway call is one, the harness's own too.
     */
    public long handledRequests(String method) {
        return handledRequests(metrics(), method);
    }

    static long handledRequests(String metrics, String method) {
        long sum = 0;
        Matcher line = HANDLED.matcher(metrics);
        while (line.find()) {
            if (method == null || line.group(1).contains("grpc_method=\"" + method + "\"")) {
                sum += (long) Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        return "etcd member " + name + " at " + http.scheme() + "://" + endpoint();
    }

    /** Starts the process, without waiting for it to serve. */
    synchronized void launch() {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("etcd", "--name", name, "--data-dir", dataDirectory.toString(),
                "--listen-client-urls", clientUrl(), "--advertise-client-urls", clientUrl(),
                "--listen-peer-urls", peerUrl(), "--initial-advertise-peer-urls", peerUrl()));
        command.addAll(arguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(logFile().toFile())).start();
            RUNNING.add(process);
            process.onExit().thenAccept(RUNNING::remove);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run etcd (Debian package etcd-server)", e);
        }
    }

    /** Returns once {@code GET /health} says true; throws with the tail of the log when it does not within 10 s. */
    void awaitHealthy() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline && isRunning()) {
            try {
                EtcdHttp.Response health = http.get(clientPort, "/health");
                if (health.ok() && health.body().contains("\"true\"")) {
                    return;
                }
                last = health.status() + " " + health.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            pause(PROBE_PAUSE);
        }
        String reason = isRunning() ? "was not healthy within " + READY_TIMEOUT.toSeconds() + " s (last: " + last + ")" : "exited";
        throw new IllegalStateException(this + " " + reason + "; the end of its log:\n" + logTail());
    }

    private String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    private String clientUrl() {
        return http.scheme() + "://127.0.0.1:" + clientPort;
    }

    private Path logFile() {
        return dataDirectory.resolveSibling(name + ".log");
    }

    private String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    private void awaitExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + this + " to exit", e);
        }
        process = null;
    }

    static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for etcd", e);
        }
    }

    /** Distinct ports, free a moment ago: all are held open together until each is chosen. */
    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, Literals.address("127.0.0.1")));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on 127.0.0.1", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // it was open and bound: nothing to lose
                }
            }
        }
    }
}
