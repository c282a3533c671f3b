package dev.resolvechain.wire;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * One query over TCP, for an answer too large for UDP, bounded by one end for the whole exchange
 * (connect, write, every read): a server that trickles its answer a byte at a time cannot hold a
 * lookup past it. Reads wait in short slices, so that a JVM that exits never waits on one.
 */
final class TcpQuery {
    static final int WAIT_SLICE_MILLIS = 20;

    private TcpQuery() {
    }

    /** The response to {@code query} from {@code server}, by {@code endNanos} (System.nanoTime). */
    static DnsResponse ask(Endpoint server, byte[] query, long endNanos) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(server.socketAddress(), millisLeft(endNanos));
            byte[] framed = new byte[query.length + 2];
            framed[0] = (byte) (query.length >>> 8);
            framed[1] = (byte) query.length;
            System.arraycopy(query, 0, framed, 2, query.length);
            socket.getOutputStream().write(framed);
            InputStream in = socket.getInputStream();
            byte[] length = readFully(socket, in, new byte[2], endNanos);
            byte[] response = readFully(socket, in, new byte[(length[0] & 0xff) << 8 | length[1] & 0xff], endNanos);
            DnsResponse message = DnsMessages.parse(ByteBuffer.wrap(response));
            if (message == null) {
                throw new IOException("the response over TCP is no DNS response");
            }
            return message;
        }
    }

    private static byte[] readFully(Socket socket, InputStream in, byte[] into, long endNanos) throws IOException {
        int read = 0;
        while (read < into.length) {
            socket.setSoTimeout(Math.min(WAIT_SLICE_MILLIS, millisLeft(endNanos)));
            int n;
            try {
                n = in.read(into, read, into.length - read);
            } catch (SocketTimeoutException e) {
                continue; // the end is checked by millisLeft
            }
            if (n < 0) {
                throw new IOException("the server closed the connection after " + read + " of " + into.length + " bytes");
            }
            read += n;
        }
        return into;
    }

    private static int millisLeft(long endNanos) throws SocketTimeoutException {
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("timed out over TCP");
        }
        return (int) Math.max(1, left / 1_000_000);
    }
}
