package dev.resolvechain.wire;

import dev.resolvechain.Log;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Once per JVM, on a short-lived daemon thread: builds a query and parses an answer as an exchange
 * does, and opens a UDP channel and a selector as an exchange does, sending nothing. A JVM's first exchange otherwise pays about 0.1 s
 * loading and initialising the message classes and the JDK's socket and selector classes. It runs the code an exchange runs, in the same order, so a lookup made meanwhile
 * waits on the classes being initialised as it would on another lookup's. (A class, not a lambda:
 * this is started at JVM start, where a lambda's bootstrap costs milliseconds.)
 */
public final class DnsWarmUp implements Runnable {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

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

    /** What {@link #inBackground} runs: the answer to a query for {@code warm-up.invalid} made up here, 0.0.0.0. */
    static DnsAnswer warmUp() throws IOException {
        try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            DnsName name = DnsName.of("warm-up.invalid");
            byte[] query = DnsMessages.query(name, DnsResponse.TYPE_A, DnsMessages.randomIds() & 0xffff);
            int questionEnd = 12 + name.wire().length + 4;
            ByteBuffer response = ByteBuffer.allocate(questionEnd + 16);
            response.put(query, 0, questionEnd).put(2, (byte) (query[2] | 0x80)).putShort(6, (short) 1).putShort(10, (short) 0);
            response.putShort((short) 0xc00c).putShort((short) DnsResponse.TYPE_A).putShort((short) DnsResponse.CLASS_IN).putInt(0)
                    .putShort((short) 4).putInt(0);
            response.flip();
            return DnsMessages.answerOf(DnsMessages.parse(response), name, DnsResponse.TYPE_A,
                    new Endpoint(InetAddress.getLoopbackAddress(), Endpoint.DNS_PORT), 0);
        }
    }
}
