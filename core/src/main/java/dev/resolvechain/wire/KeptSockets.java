package dev.resolvechain.wire;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Connected UDP sockets kept for one server on loopback, each used by one exchange at a time.
 * Every other server gets a fresh socket, with a fresh random source port, per exchange, as glibc
 * does: that port is what makes a spoofed answer hard to land. On loopback no one off the machine
 * can send one, and opening, connecting and closing a socket costs more than a loopback exchange
 * itself (about 10 µs against 7). A socket is kept only after a clean exchange (every question
 * answered): a late answer or port-unreachable error left over from a timeout would otherwise
 * meet the next exchange. Sockets of a client that is replaced (resolv.conf changed) are closed
 * by the JDK's cleaner when the client is collected.
 */
final class KeptSockets {
    private static final int MAX_KEPT = 4;

    private final InetSocketAddress server;
    private final ArrayBlockingQueue<DatagramSocket> idle = new ArrayBlockingQueue<>(MAX_KEPT);

    KeptSockets(InetSocketAddress server) {
        this.server = server;
    }

    /** A kept socket, or a new one connected to the server; give it back after a clean exchange, else close it. */
    DatagramSocket take() throws IOException {
        DatagramSocket socket = idle.poll();
        return socket != null ? socket : connected(server);
    }

    void giveBack(DatagramSocket socket) {
        if (!idle.offer(socket)) {
            socket.close();
        }
    }

    static DatagramSocket connected(InetSocketAddress server) throws IOException {
        DatagramSocket socket = new DatagramSocket();
        try {
            socket.connect(server);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }
}
