package dev.resolvechain.wire;

import dev.resolvechain.Log;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Once per JVM, on a short-lived daemon thread: builds a query and parses an answer as an exchange
 * does, and opens a UDP socket, sending nothing. A JVM's first exchange otherwise pays about 0.1 s
 * loading and initialising dnsjava's message and record classes, the SecureRandom and the JDK's
 * socket classes. It runs the code an exchange runs, in the same order, so a lookup made meanwhile
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
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(1);
            Name name = Name.fromConstantString("warm-up.invalid.");
            byte[] query = DnsMessages.query(name, Type.A, DnsMessages.randomIds() & 0xffff);
            Message response = DnsMessages.parse(ByteBuffer.wrap(query));
            response.getHeader().setFlag(Flags.QR);
            response.addRecord(new ARecord(name, DClass.IN, 0, InetAddress.getByAddress(new byte[4])), Section.ANSWER);
            return DnsMessages.answerOf(DnsMessages.parse(ByteBuffer.wrap(response.toWire())), name, Type.A,
                    new Endpoint(InetAddress.getLoopbackAddress(), Endpoint.DNS_PORT), 0);
        }
    }
}
