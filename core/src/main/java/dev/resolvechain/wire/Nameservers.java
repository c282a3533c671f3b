package dev.resolvechain.wire;

import dev.resolvechain.Log;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health of a set of nameservers, one {@link ServerHealth} each, kept by address (so it survives
 * a resolv.conf reload that keeps the server), the order lookups ask them in, and the probe. While
 * any server is down, one daemon thread asks each down server for {@code . IN NS} every
 * {@link #PROBE_INTERVAL}; an answer within the server's retry interval brings it back (an answer
 * that comes later shows it alive but too slow to be asked first). The thread exists only while a
 * server is down: there is no traffic of ours while every server is up.
 */
public final class Nameservers implements AutoCloseable {
    static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    /** The longest a probe waits: a server that needs more is not one to ask first. */
    private static final long PROBE_TIMEOUT_NANOS = 1_000_000_000L;
    /** How long one wait of the probe may block: a JVM that exits waits for threads in a native call. */
    private static final int WAIT_SLICE_MILLIS = 20;

    private final int maxFails;
    private final ConcurrentHashMap<Endpoint, ServerHealth> servers = new ConcurrentHashMap<>();
    /** The probe thread while one runs; guarded by this. */
    private Thread prober;
    private boolean closed;

    /** @param maxFails failures in a row that make a server down */
    public Nameservers(int maxFails) {
        if (maxFails < 1) {
            throw new IllegalArgumentException("maxFails is at least 1, not " + maxFails);
        }
        this.maxFails = maxFails;
    }

    public ServerHealth of(Endpoint server) {
        ServerHealth health = servers.get(server);
        if (health == null) {
            ServerHealth added = newHealth(server); // not computeIfAbsent: a method reference's bootstrap on a JVM's first lookup
            health = servers.putIfAbsent(server, added);
            health = health == null ? added : health;
        }
        return health;
    }

    private ServerHealth newHealth(Endpoint server) {
        return new ServerHealth(server, maxFails, this);
    }

    /** {@code configured} in the order to ask: those up from {@code first} on (wrapping), then those down, each group in its order. */
    List<Endpoint> order(List<Endpoint> configured, int first) {
        List<Endpoint> up = new ArrayList<>(configured.size());
        List<Endpoint> down = new ArrayList<>(0);
        for (int i = 0; i < configured.size(); i++) {
            Endpoint server = configured.get((first + i) % configured.size());
            (of(server).down() ? down : up).add(server);
        }
        up.addAll(down);
        return up;
    }

    /** A server went down: the probe starts, unless it runs. */
    synchronized void wentDown() {
        if (closed || prober != null) {
            return; // a running probe sees the new one at its next round
        }
        prober = new Thread(this::probeWhileDown, "resolvechain-dns-probe");
        prober.setDaemon(true);
        prober.start();
    }

    private void probeWhileDown() {
        try {
            while (sleep(PROBE_INTERVAL)) {
                List<ServerHealth> down = downServers();
                if (down.isEmpty()) {
                    return;
                }
                for (ServerHealth server : down) {
                    probe(server);
                }
            }
        } finally {
            synchronized (this) {
                prober = null;
                if (!closed && !downServers().isEmpty()) {
                    wentDown(); // went down between the last look and the end of this thread
                }
            }
        }
    }

    private synchronized List<ServerHealth> downServers() {
        List<ServerHealth> down = new ArrayList<>();
        if (!closed) {
            for (ServerHealth server : servers.values()) {
                if (server.down()) {
                    down.add(server);
                }
            }
        }
        return down;
    }

    /** One probe; a response within the server's retry interval may bring it back ({@link ServerHealth#probeAnswered}). */
    private static void probe(ServerHealth server) {
        Probe probe = probe(server.server(), server.retryNanos(PROBE_TIMEOUT_NANOS));
        if (!probe.answered()) {
            Log.debug("probe of nameserver " + server.server() + ": " + probe.problem());
        } else if (!server.probeAnswered(probe.serves())) {
            Log.debug("probe of nameserver " + server.server() + ": " + probe.rcodeName() + ", it stays down");
        }
    }

    /** What a probe found: the response's code, or why no response came ({@code problem}, then rcode is -1). */
    public record Probe(int rcode, String problem) {
        public boolean answered() {
            return problem == null;
        }

        /** A response other than SERVFAIL or REFUSED: the server serves. */
        public boolean serves() {
            return answered() && rcode != DnsMessages.SERVFAIL && rcode != DnsMessages.REFUSED;
        }

        /** {@code NOERROR}, {@code REFUSED}... */
        public String rcodeName() {
            return DnsMessages.rcodeName(rcode);
        }
    }

    /** Asks {@code server} for {@code . IN NS}, the question every recursive server answers at once from its root hints. */
    public static Probe probe(Endpoint server, long timeoutNanos) {
        long start = System.nanoTime();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server.socketAddress());
            int id = DnsMessages.randomIds() & 0xffff;
            byte[] query = DnsMessages.query(DnsName.ROOT, DnsResponse.TYPE_NS, id);
            socket.send(new DatagramPacket(query, query.length));
            DnsResponse response = awaitResponse(socket, id, start + timeoutNanos);
            return response != null ? new Probe(response.rcode, null)
                    : new Probe(-1, "no answer within " + ServerHealth.millis(timeoutNanos));
        } catch (PortUnreachableException e) {
            return new Probe(-1, "port unreachable (no DNS server listens there)");
        } catch (IOException | RuntimeException e) {
            return new Probe(-1, e.toString());
        }
    }

    /** The response to query {@code id} that came by {@code endNanos}, or null. */
    private static DnsResponse awaitResponse(DatagramSocket socket, int id, long endNanos) throws IOException {
        byte[] buffer = new byte[DnsMessages.EDNS_PAYLOAD];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        long left;
        while ((left = endNanos - System.nanoTime()) > 0) {
            socket.setSoTimeout((int) Math.max(1, Math.min(WAIT_SLICE_MILLIS, left / 1_000_000)));
            packet.setLength(buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            }
            DnsResponse response = DnsMessages.parse(ByteBuffer.wrap(buffer, 0, packet.getLength()));
            if (response != null && response.id == id) {
                return response;
            }
        }
        return null;
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Every server's health, in the order given: {@code 127.0.0.1: up (answers in 0.3 ms)}. */
    public List<String> describe(List<Endpoint> configured) {
        List<String> health = new ArrayList<>(configured.size());
        for (Endpoint server : configured) {
            health.add(server + ": " + of(server).describe());
        }
        return health;
    }

    /** The servers of {@code configured} that are down, described as {@link #describe} does. */
    public List<String> downOnes(List<Endpoint> configured) {
        List<String> down = new ArrayList<>(0);
        for (Endpoint server : configured) {
            ServerHealth health = servers.get(server);
            if (health != null && health.down()) {
                down.add(server + ": " + health.describe());
            }
        }
        return down;
    }

    /** Stops the probe. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = prober;
        }
        if (running != null) {
            running.interrupt();
        }
    }
}
