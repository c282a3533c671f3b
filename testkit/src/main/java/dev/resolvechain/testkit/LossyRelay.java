package dev.resolvechain.testkit;

import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay that loses and delays datagrams, since this kernel has no {@code tc netem}: it listens on an address and
 * port, forwards each datagram from a client to an upstream server (e.g. dnsmasq) from a socket of that client's own,
 * and what comes back on that socket to the client. Each datagram, either way, is dropped with the {@link #loss}
 * probability (independent draws from {@link ThreadLocalRandom}, so which are lost differs from run to run) and
 * otherwise forwarded after the {@link #delay}. It counts the datagrams at each of the four steps. UDP only: a client
 * falling back to TCP finds no listener.
 *
 * <p>One daemon thread relays, another sends the delayed datagrams, both named {@code lossy-relay-PORT}. The
 * {@value #MAX_CLIENTS} clients heard from last keep their socket; a reply to a client forgotten since is lost.
 *
 * <pre>
 * LossyRelay --listen ADDRESS:PORT --upstream ADDRESS:PORT [--loss PROBABILITY] [--delay DURATION]
 * </pre>
 *
 * <p>as a process prints {@code READY ADDRESS PORT}, then takes on standard input {@code loss PROBABILITY} (answered
 * {@code LOSS PROBABILITY}), {@code delay DURATION} (answered {@code DELAY DURATION}; durations like {@code 50ms}),
 * {@code count} (answered {@code COUNT FROM_CLIENTS TO_UPSTREAM FROM_UPSTREAM TO_CLIENTS}) and {@code stop}.
 */
public final class LossyRelay implements AutoCloseable {

    private static final String USAGE = "usage: LossyRelay --listen ADDRESS:PORT --upstream ADDRESS:PORT [--loss PROBABILITY] [--delay DURATION]";
    private static final int MAX_DATAGRAM = 65_535;
    private static final int MAX_CLIENTS = 1024;

    /** The datagrams counted at each step: received from clients, sent upstream, received from upstream, sent to clients. */
    public record Counts(long fromClients, long toUpstream, long fromUpstream, long toClients) {}

    private final InetSocketAddress upstream;
    private final DatagramChannel listener;
    private final Selector selector;
    private final ScheduledExecutorService delayedSends;
    private final Thread relaying;
    /** Each client's socket to upstream, the one heard from longest ago first; the relaying thread's only. */
    private final Map<SocketAddress, DatagramChannel> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SocketAddress, DatagramChannel> eldest) {
            if (size() <= MAX_CLIENTS) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };
    private final AtomicLong fromClients = new AtomicLong();
    private final AtomicLong toUpstream = new AtomicLong();
    private final AtomicLong fromUpstream = new AtomicLong();
    private final AtomicLong toClients = new AtomicLong();
    private volatile double loss;
    private volatile Duration delay = Duration.ZERO;

    private LossyRelay(InetSocketAddress listen, InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        listener = DatagramChannel.open();
        try {
            listener.bind(listen).configureBlocking(false);
            selector = Selector.open();
            listener.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        ThreadFactory threads = Threads.daemons("lossy-relay-" + socketAddress().getPort());
        delayedSends = Executors.newSingleThreadScheduledExecutor(threads);
        relaying = threads.newThread(this::relay);
        relaying.start();
    }

    /** A relay on {@code listen} (port 0: an ephemeral one) to {@code upstream}, losing and delaying nothing until told. */
    public static LossyRelay start(InetSocketAddress listen, InetSocketAddress upstream) {
        try {
            return new LossyRelay(listen, upstream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot relay from " + Literals.endpoint(listen), e);
        }
    }

    /** A launch of this main on {@code jdk} with {@code arguments}, its class path complete; add e.g. {@code via(netns.via())}. */
    public static JvmLaunch launch(Jdk jdk, String... arguments) {
        return ServerProcess.launch(jdk, LossyRelay.class, arguments);
    }

    /** Drops each datagram, either way, with {@code probability}. */
    public LossyRelay loss(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("loss probability " + probability + " is not within [0, 1]");
        }
        loss = probability;
        return this;
    }

    /** Holds each datagram, either way, this long before forwarding it. */
    public LossyRelay delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        this.delay = delay;
        return this;
    }

    public InetSocketAddress socketAddress() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Counts counts() {
        return new Counts(fromClients.get(), toUpstream.get(), fromUpstream.get(), toClients.get());
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Threads.awaitEnd(relaying);
            delayedSends.shutdownNow();
            closeQuietly(listener);
            clients.values().forEach(LossyRelay::closeQuietly);
        }
    }

    @Override
    public String toString() {
        return "LossyRelay " + Literals.endpoint(socketAddress()) + " to " + Literals.endpoint(upstream);
    }

    private void relay() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        try {
            while (selector.isOpen()) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    receiveAll((DatagramChannel) key.channel(), (SocketAddress) key.attachment(), buffer);
                }
                selector.selectedKeys().clear();
            }
        } catch (ClosedSelectorException | IOException e) {
            // closed by close()
        }
    }

    /** Takes every datagram waiting on {@code channel}: the listener's from clients, or a client's ({@code client}) from upstream. */
    private void receiveAll(DatagramChannel channel, SocketAddress client, ByteBuffer buffer) {
        try {
            for (SocketAddress from = channel.receive(buffer.clear()); from != null; from = channel.receive(buffer.clear())) {
                byte[] datagram = new byte[buffer.flip().remaining()];
                buffer.get(datagram);
                if (client == null) {
                    fromClient(from, datagram);
                } else {
                    fromUpstream(client, datagram);
                }
            }
        } catch (IOException e) {
            // an ICMP error from upstream surfacing on the client's socket: that exchange is lost, as on a real path
        }
    }

    private void fromClient(SocketAddress client, byte[] datagram) throws IOException {
        fromClients.incrementAndGet();
        if (lost()) {
            return;
        }
        DatagramChannel toServer = clients.get(client);
        if (toServer == null) {
            toServer = socketToUpstreamFor(client);
            clients.put(client, toServer);
        }
        DatagramChannel socket = toServer;
        later(() -> {
            socket.write(ByteBuffer.wrap(datagram));
            toUpstream.incrementAndGet();
        });
    }

    /** A socket of {@code client}'s own, connected to upstream, whose datagrams the relaying thread hands to {@link #fromUpstream}. */
    private DatagramChannel socketToUpstreamFor(SocketAddress client) throws IOException {
        DatagramChannel socket = DatagramChannel.open();
        try {
            socket.connect(upstream).configureBlocking(false).register(selector, SelectionKey.OP_READ, client);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void fromUpstream(SocketAddress client, byte[] datagram) {
        fromUpstream.incrementAndGet();
        if (lost()) {
            return;
        }
        later(() -> {
            listener.send(ByteBuffer.wrap(datagram), client);
            toClients.incrementAndGet();
        });
    }

    private boolean lost() {
        return ThreadLocalRandom.current().nextDouble() < loss;
    }

    private interface Send {
        void run() throws IOException;
    }

    /** Sends after the delay; a send that fails (the client's socket forgotten, the relay closed) is a lost datagram. */
    private void later(Send send) {
        Runnable quietly = () -> {
            try {
                send.run();
            } catch (IOException e) {
                // lost
            }
        };
        Duration wait = delay;
        if (wait.isZero()) {
            quietly.run();
        } else {
            delayedSends.schedule(quietly, wait.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all that was asked
        }
    }

    public static void main(String[] arguments) {
        LossyRelay relay;
        try {
            List<Map.Entry<String, String>> options = ProcessCommands.options(arguments);
            relay = start(Literals.socketAddress(ProcessCommands.last(options, "--listen", "")),
                    Literals.socketAddress(ProcessCommands.last(options, "--upstream", "")));
            for (Map.Entry<String, String> option : options) {
                switch (option.getKey()) {
                    case "--listen", "--upstream" -> { }
                    case "--loss" -> relay.loss(Double.parseDouble(option.getValue()));
                    case "--delay" -> relay.delay(Durations.parse(option.getValue()));
                    default -> throw new IllegalArgumentException("unknown option " + option.getKey());
                }
            }
        } catch (IllegalArgumentException e) {
            ProcessCommands.exitWithUsage(e.getMessage(), USAGE);
            return;
        }
        try (relay) {
            new ProcessCommands()
                    .on("loss", probability -> "LOSS " + relay.loss(Double.parseDouble(probability)).loss)
                    .on("delay", duration -> "DELAY " + Durations.format(relay.delay(Durations.parse(duration)).delay))
                    .on("count", nothing -> {
                        Counts counts = relay.counts();
                        return "COUNT " + counts.fromClients() + " " + counts.toUpstream() + " " + counts.fromUpstream() + " " + counts.toClients();
                    })
                    .serve(relay.socketAddress());
        }
    }
}
