package dev.resolvechain.testkit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/** Queries a server at an explicit address: dnsjava's resolver, or raw exchanges that show the wire as sent. */
final class DnsClient {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** As many answers as a socket's default receive buffer surely holds. */
    private static final int BURST = 50;
    /** A burst's answers that have not come by this long after the last one are taken as lost. */
    private static final Duration QUIET = Duration.ofMillis(500);

    private final InetSocketAddress server;

    DnsClient(InetSocketAddress server) {
        this.server = server;
    }

    static Message query(String name, int type) {
        return Message.newQuery(Record.newRecord(Name.fromConstantString(name + "."), type, DClass.IN));
    }

    /** Through dnsjava's {@link SimpleResolver}: UDP, retried over TCP when truncated. */
    Message resolve(String name, int type) throws IOException {
        return resolver().send(query(name, type));
    }

    SimpleResolver resolver() {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(TIMEOUT);
        return resolver;
    }

    /** One datagram out, the first datagram back, as it came; from {@code socket}, connected to the server. */
    byte[] udp(DatagramSocket socket, Message query, Duration timeout) throws IOException {
        socket.connect(server);
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] wire = query.toWire();
        socket.send(new DatagramPacket(wire, wire.length));
        DatagramPacket reply = new DatagramPacket(new byte[65_535], 65_535);
        socket.receive(reply);
        return Arrays.copyOf(reply.getData(), reply.getLength());
    }

    byte[] udp(Message query) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            return udp(socket, query, TIMEOUT);
        }
    }

    /**
     * Sends {@code count} copies of {@code query} over UDP, under the ids 0 to {@code count - 1}, in bursts that the
     * socket's buffer holds, and returns how many of them were answered.
     */
    int answeredOf(int count, Message query) throws IOException {
        Set<Integer> answered = new HashSet<>();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            socket.setSoTimeout((int) QUIET.toMillis());
            for (int first = 0; first < count; first += BURST) {
                for (int id = first; id < Math.min(count, first + BURST); id++) {
                    query.getHeader().setID(id);
                    byte[] wire = query.toWire();
                    socket.send(new DatagramPacket(wire, wire.length));
                }
                try {
                    while (true) {
                        DatagramPacket reply = new DatagramPacket(new byte[65_535], 65_535);
                        socket.receive(reply);
                        answered.add(new Message(Arrays.copyOf(reply.getData(), reply.getLength())).getHeader().getID());
                    }
                } catch (SocketTimeoutException quiet) {
                    // the rest of this burst is lost
                }
            }
        }
        return answered.size();
    }

    /** One length-prefixed query on a new connection, and the reply. */
    byte[] tcp(Message query) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            byte[] wire = query.toWire();
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(wire.length);
            out.write(wire);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            return reply;
        }
    }
}
