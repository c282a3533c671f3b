package dev.resolvechain.wire;

import dev.resolvechain.Log;
import dev.resolvechain.Deadline;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Once per JVM, on a short-lived daemon thread: one lookup through the code a real one runs (a
 * {@link DnsLookup} with its cache, a {@link DnsClient} with its servers' health, the exchange, the
 * codec), answered by a server of its own on a loopback port, so nothing leaves the JVM. A JVM's
 * first lookup otherwise pays loading and initialising these classes and the JDK's socket and
 * selector classes (about 10 ms; each class of the agent jar costs about 0.25 ms to load). Its
 * client, cache and health are its own: the chain's figures never show it. A lookup made
 * meanwhile waits on the classes being initialised as it would on another lookup's. (Classes, not
 * lambdas: this is started at JVM start, where a lambda's bootstrap costs milliseconds.)
 */
public final class DnsWarmUp implements Runnable {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final String NAME = "warm-up.invalid";
    private static final Duration WAIT = Duration.ofSeconds(1);
    private static final int NEVER_DOWN = 100;

    private DnsWarmUp() {
    }

    public static void inBackground() {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(new DnsWarmUp(), "resolvechain-dns-warmup");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void run() {
        try {
            warmUp();
        } catch (IOException | RuntimeException e) {
            Log.debug("DNS warm-up: " + e);
        }
    }

    /** What {@link #inBackground} runs: the answers to {@code warm-up.invalid A}, 0.0.0.0 from the server it made up. */
    static DnsAnswers warmUp() throws IOException {
        try (DatagramChannel server = DatagramChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread answering = new Thread(new OneAnswer(server), "resolvechain-dns-warmup-server");
            answering.setDaemon(true);
            answering.start();
            Endpoint endpoint = new Endpoint(InetAddress.getLoopbackAddress(), ((InetSocketAddress) server.getLocalAddress()).getPort());
            // never down, whatever happens to this one lookup: a down server would be probed for the life of the JVM
            Nameservers health = new Nameservers(NEVER_DOWN);
            try {
                DnsLookup lookup = new DnsLookup(new DnsClient(List.of(endpoint), WAIT, 1, false, health), new DnsCache());
                return lookup.ask(NAME, new int[] {DnsResponse.TYPE_A}, Deadline.after(WAIT));
            } finally {
                health.close();
            }
        }
    }

    /**
     * Answers one query, as a server would: its id and question, an A record of 0.0.0.0. Waits in
     * 20 ms slices, never in one long native receive: a JVM exiting meanwhile waits for threads in
     * native calls (up to 300 ms), daemon ones too.
     */
    private static final class OneAnswer implements Runnable {
        private static final long SLICE_MILLIS = 20;

        private final DatagramChannel server;

        OneAnswer(DatagramChannel server) {
            this.server = server;
        }

        @Override
        public void run() {
            try (Selector selector = Selector.open()) {
                server.configureBlocking(false);
                server.register(selector, SelectionKey.OP_READ);
                ByteBuffer query = ByteBuffer.allocate(512);
                long end = System.nanoTime() + WAIT.toNanos();
                SocketAddress client = null;
                while (client == null && server.isOpen() && end - System.nanoTime() > 0) {
                    selector.select(SLICE_MILLIS);
                    client = server.receive(query);
                }
                if (client != null) {
                    server.send(answer(query), client);
                }
            } catch (IOException | RuntimeException e) {
                Log.debug("DNS warm-up server: " + e); // closed, as when the JVM exits first: the lookup times out
            }
        }

        private static ByteBuffer answer(ByteBuffer query) {
            int questionEnd = 12 + DnsName.of(NAME).wire().length + 4;
            ByteBuffer response = ByteBuffer.allocate(questionEnd + 16);
            response.put(query.array(), 0, questionEnd).put(2, (byte) (query.get(2) | 0x80)).putShort(6, (short) 1).putShort(10, (short) 0);
            response.putShort((short) 0xc00c).putShort((short) DnsResponse.TYPE_A).putShort((short) DnsResponse.CLASS_IN).putInt(0)
                    .putShort((short) 4).putInt(0);
            response.flip();
            return response;
        }
    }
}
