package dev.resolvechain.wire;

import dev.resolvechain.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Name;

/**
 * Asks DNS servers over a blocking socket, on the caller's thread, as glibc does: for each attempt,
 * each server in turn, with all questions of a lookup (A and AAAA) sent back to back on one
 * connected UDP socket with an OS-chosen port and random ids (for a server on loopback, a kept
 * socket: see {@link KeptSockets}). What a server's answer means is the {@link Exchange}'s to decide.
 */
public final class DnsClient {
    private final List<Endpoint> servers;
    /** Per server, in the order of {@link #servers}: its kept sockets when it is on loopback, else null. */
    private final KeptSockets[] keptSockets;
    private final Duration timeout;
    private final int attempts;
    private final boolean rotate;
    private final AtomicInteger rotation = new AtomicInteger();

    /**
     * @param timeout  how long one server is given per try (further capped by each lookup's deadline)
     * @param attempts how many times the server list is gone through
     * @param rotate   start each lookup at the next server instead of the first
     */
    public DnsClient(List<Endpoint> servers, Duration timeout, int attempts, boolean rotate) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a DNS client needs at least one server");
        }
        this.servers = List.copyOf(servers);
        this.keptSockets = new KeptSockets[servers.size()];
        for (int i = 0; i < servers.size(); i++) {
            Endpoint server = servers.get(i);
            keptSockets[i] = server.address().isLoopbackAddress() ? new KeptSockets(server.socketAddress()) : null;
        }
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        this.rotate = rotate;
    }

    public List<Endpoint> servers() {
        return servers;
    }

    /** The answer to each question ({@code name}, {@code types[i]}) in {@code answers[i]}, by the deadline. */
    public DnsAnswer[] ask(Name name, int[] types, Deadline deadline) {
        Exchange exchange = new Exchange(name, types, timeout);
        int first = rotate ? Math.floorMod(rotation.getAndIncrement(), servers.size()) : 0;
        for (int attempt = 0; attempt < attempts && exchange.open > 0; attempt++) {
            for (int i = 0; i < servers.size() && exchange.open > 0; i++) {
                if (deadline.expired()) {
                    exchange.failRemaining("lookup deadline reached");
                    return exchange.answers;
                }
                int server = (first + i) % servers.size();
                exchange.with(servers.get(server), keptSockets[server], deadline);
            }
        }
        exchange.failRemaining(null);
        return exchange.answers;
    }
}
