package dev.resolvechain.alias.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 the gateway speaks, and what a broken or hostile server may send instead, against a scripted server. */
class EtcdConnectionTest {
    private static final String OK_HEADERS = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private EtcdConnection connect(String... replies) throws IOException {
        server = new ScriptedServer(List.of(replies));
        return EtcdConnection.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), "127.0.0.1", null, 2000);
    }

    private static String sized(String body) {
        return OK_HEADERS + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** Marks a reply that is more of a stream, sent on {@link ScriptedServer#sendNext}, not the answer to a request. */
    private static final String MORE = "\u0000";

    private static String chunked(String... chunks) {
        return OK_HEADERS + "Transfer-Encoding: chunked\r\n\r\n" + framed(chunks);
    }

    /** Chunks alone: more of a chunked body already begun. */
    private static String more(String... chunks) {
        return MORE + framed(chunks);
    }

    private static String framed(String... chunks) {
        StringBuilder reply = new StringBuilder();
        for (String chunk : chunks) {
            reply.append(Integer.toHexString(chunk.getBytes(StandardCharsets.UTF_8).length)).append("\r\n").append(chunk).append("\r\n");
        }
        return reply.toString();
    }

    @Test
    void aSizedAnswerAndAChunkedOneWithTrailersOnOneKeptConnection() throws IOException {
        try (EtcdConnection connection = connect(sized("{\"header\":{\"revision\":\"7\"},\"count\":\"3\"}"),
                chunked("{\"result\":{\"ID\":\"18446744073709551615\",", "\"TTL\":\"5\"}}") + "0\r\nGrpc-Trailer-Content-Type: x\r\n\r\n")) {
            Map<String, Object> first = connection.call("/v3/kv/range", "{}", null, 2000);
            assertEquals(7, EtcdJson.number(EtcdJson.child(first, "header"), "revision"));
            assertTrue(connection.reusable());
            Map<String, Object> second = connection.call("/v3/lease/keepalive", "{}", "token-1", 2000);
            assertEquals(-1L, EtcdJson.number(EtcdJson.child(second, "result"), "ID"), "an unsigned 64-bit id");
            assertEquals(5, EtcdJson.number(EtcdJson.child(second, "result"), "TTL"));
            String requests = server.received();
            assertTrue(requests.contains("POST /v3/kv/range HTTP/1.1\r\n"), requests);
            assertTrue(requests.contains("Grpc-Metadata-Hasleader: true\r\n"), requests);
            assertTrue(requests.contains("Authorization: token-1\r\n"), requests);
        }
    }

    @Test
    void etcdsErrorsAreItsOwnWordsAndCode() throws IOException {
        String compacted = "{\"error\":\"etcdserver: mvcc: required revision has been compacted\","
                + "\"message\":\"etcdserver: mvcc: required revision has been compacted\",\"code\":11}";
        try (EtcdConnection connection = connect(chunked(compacted).replace("200 OK", "400 Bad Request") + "0\r\n\r\n")) {
            EtcdException e = assertThrows(EtcdException.class, () -> connection.call("/v3/kv/range", "{}", null, 2000));
            assertEquals(11, e.code());
            assertTrue(e.compacted());
            assertTrue(e.getMessage().startsWith("member 127.0.0.1:" + server.port() + " answered HTTP 400: 'etcdserver: mvcc"), e.getMessage());
        }
    }

    @Test
    void anEmptyOrForeignAnswerIsAFailureThatSaysWhatCame() throws IOException {
        try (EtcdConnection connection = connect("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")) {
            EtcdException e = assertThrows(EtcdException.class, () -> connection.call("/v3/kv/range", "{}", null, 2000));
            assertEquals(0, e.code());
            assertTrue(e.getMessage().endsWith("answered HTTP 503 with nothing more"), e.getMessage());
        }
        server.close();
        try (EtcdConnection connection = connect("SSH-2.0-OpenSSH_9.2\r\n\u001b[31m\r\n")) {
            EtcdException e = assertThrows(EtcdException.class, () -> connection.call("/v3/kv/range", "{}", null, 2000));
            assertTrue(e.getMessage().contains("did not answer HTTP: 'SSH-2.0-OpenSSH_9.2'"), e.getMessage());
        }
        server.close();
        try (EtcdConnection connection = connect(sized("<html>not json</html>"))) {
            EtcdException e = assertThrows(EtcdException.class, () -> connection.call("/v3/kv/range", "{}", null, 2000));
            assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        }
    }

    @Test
    void whatWouldHoldTooMuchIsRefusedUnread() throws IOException {
        try (EtcdConnection connection = connect(OK_HEADERS + "Content-Length: 9000000000\r\n\r\n")) {
            EtcdException e = assertThrows(EtcdException.class, () -> connection.call("/v3/kv/range", "{}", null, 2000));
            assertTrue(e.getMessage().contains("more than 64 MiB"), e.getMessage());
        }
        server.close();
        try (EtcdConnection connection = connect("HTTP/1.1 200 OK\r\nX: " + "a".repeat(10_000) + "\r\n\r\n")) {
            EtcdException e = assertThrows(EtcdException.class, () -> connection.call("/v3/kv/range", "{}", null, 2000));
            assertTrue(e.getMessage().contains("header line of more than"), e.getMessage());
        }
        server.close();
        try (EtcdConnection connection = connect(OK_HEADERS + "Transfer-Encoding: chunked\r\n\r\nzz\r\n")) {
            EtcdException e = assertThrows(EtcdException.class, () -> connection.call("/v3/kv/range", "{}", null, 2000));
            assertTrue(e.getMessage().contains("bad chunk size: 'zz'"), e.getMessage());
        }
    }

    @Test
    void aStreamsLinesSpanChunksAndAQuietSpellLosesNothing() throws Exception {
        String head = chunked("{\"result\":{\"created\":true}}\n{\"result\":", "{\"events\":[]}}\n");
        try (EtcdConnection connection = connect(head, more("{\"result\":{\"header\":{}}}\n") + "0\r\n\r\n")) {
            connection.stream("/v3/watch", "{}", null, 2000);
            assertEquals("{\"result\":{\"created\":true}}", connection.nextLine(500));
            assertEquals("{\"result\":{\"events\":[]}}", connection.nextLine(500));
            assertThrows(SocketTimeoutException.class, () -> connection.nextLine(100), "nothing more yet");
            server.sendNext();
            assertEquals("{\"result\":{\"header\":{}}}", connection.nextLine(2000));
            assertNull(connection.nextLine(2000), "the stream's end");
        }
    }

    @Test
    void aStreamCutWithinAChunkIsAnEndNotALine() throws Exception {
        try (EtcdConnection connection = connect(OK_HEADERS + "Transfer-Encoding: chunked\r\n\r\n40\r\n{\"result\":{\"cre")) {
            connection.stream("/v3/watch", "{}", null, 2000);
            server.closeClient();
            assertThrows(EOFException.class, () -> connection.nextLine(2000));
        }
    }

    /** Answers each request of one connection with the next reply; a stream's later parts wait for {@link #sendNext}. */
    private static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final List<String> replies;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final Semaphore next = new Semaphore(0);
        private final List<Socket> clients = new CopyOnWriteArrayList<>();

        ScriptedServer(List<String> replies) throws IOException {
            this.replies = replies;
            Thread thread = new Thread(this::serve, "scripted-etcd");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            try (Socket client = socket.accept()) {
                clients.add(client);
                InputStream in = client.getInputStream();
                for (String reply : replies) {
                    if (reply.startsWith(MORE)) {
                        next.acquire();
                    } else {
                        readRequest(in);
                    }
                    client.getOutputStream().write(reply.replace(MORE, "").getBytes(StandardCharsets.UTF_8));
                    client.getOutputStream().flush();
                }
                next.acquire();
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        }

        /** Reads one request: its headers, then Content-Length bytes. */
        private void readRequest(InputStream in) throws IOException {
            StringBuilder headers = new StringBuilder();
            while (!headers.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                headers.append((char) b);
            }
            int at = headers.indexOf("Content-Length: ");
            int length = Integer.parseInt(headers.substring(at + 16, headers.indexOf("\r\n", at)));
            synchronized (received) {
                received.writeBytes(headers.toString().getBytes(StandardCharsets.ISO_8859_1));
                received.writeBytes(in.readNBytes(length));
            }
        }

        String received() {
            synchronized (received) {
                return received.toString(StandardCharsets.UTF_8);
            }
        }

        void sendNext() {
            next.release();
        }

        void closeClient() throws IOException {
            for (Socket client : clients) {
                client.close();
            }
        }

        @Override
        public void close() throws IOException {
            next.release(100);
            socket.close();
        }
    }
}
