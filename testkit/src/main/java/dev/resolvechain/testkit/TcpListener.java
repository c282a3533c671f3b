package dev.resolvechain.testkit;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** Accepts TCP connections and answers the length-prefixed queries on each, one thread per open connection. */
final class TcpListener implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private Thread acceptor;
    private ExecutorService connectionThreads;

    TcpListener(InetSocketAddress address) throws IOException {
        server = new ServerSocket();
        try {
            // connections of a stopped server linger in TIME_WAIT; they must not keep a restart off its port
            server.setReuseAddress(true);
            server.bind(address);
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    void serve(QueryHandler handler, ThreadFactory threads) {
        connectionThreads = Executors.newCachedThreadPool(threads);
        acceptor = threads.newThread(() -> accept(handler));
        acceptor.start();
    }

    private void accept(QueryHandler handler) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                if (server.isClosed()) {
                    socket.close(); // accepted while close() was shutting the connections
                    return;
                }
                connectionThreads.execute(() -> serve(new Connection(socket), handler));
            } catch (IOException e) {
                // closed by close(), which the loop condition sees; or one failed accept, which must not stop the server
            }
        }
    }

    private void serve(Connection connection, QueryHandler handler) {
        try (Socket socket = connection.socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                handler.handle(ByteBuffer.wrap(query), connection);
            }
        } catch (EOFException e) {
            // the client closed the connection
        } catch (IOException e) {
            // reset by the client, or closed by close()
        } finally {
            connections.remove(connection.socket);
        }
    }

    /**
     * Returns once the port is free and the connections are closed: closing a socket only signals the thread
     * blocked on it, and the kernel keeps the socket open (listening, even) until that thread leaves its system call.
     */
    @Override
    public void close() {
        try {
            server.close();
            for (Socket connection : connections) {
                connection.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Threads.awaitEnd(acceptor);
            if (connectionThreads != null) {
                connectionThreads.shutdown();
                Threads.awaitEnd(connectionThreads);
            }
        }
    }

    private static final class Connection extends ReplyChannel {

        private final Socket socket;

        Connection(Socket socket) {
            super(Transport.TCP, socket.getPort());
            this.socket = socket;
        }

        @Override
        byte[] framed(byte[] wire) {
            byte[] framed = new byte[wire.length + 2];
            framed[0] = (byte) (wire.length >>> 8);
            framed[1] = (byte) wire.length;
            System.arraycopy(wire, 0, framed, 2, wire.length);
            return framed;
        }

        @Override
        boolean write(byte[] bytes) {
            try {
                OutputStream out = socket.getOutputStream();
                // a delayed or trickled reply is written from another thread than the connection's
                synchronized (this) {
                    out.write(bytes);
                }
                return true;
            } catch (IOException e) {
                return false; // the client closed the connection, or this server was stopped meanwhile
            }
        }
    }
}
