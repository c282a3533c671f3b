package dev.resolvechain.alias.etcd;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 connection to one etcd member's gRPC-JSON gateway: POSTs with a JSON body, answers with
 * a {@code Content-Length} or chunked body (a watch's answer is a chunked stream of JSON lines). Plain
 * sockets, not {@code java.net.http}: no thread and a few dozen classes instead of two thousand, and a
 * socket connected to an address needs no name service. Every read has a timeout; {@link #close} from
 * another thread ends a blocked read.
 */
final class EtcdConnection implements Closeable {
    private static final int MAX_HEADERS = 100;

    private final Socket socket;
    private final String member;
    private final InputStream in;
    private final OutputStream out;
    private final HttpBody body;
    private boolean reusable = true;

    private EtcdConnection(Socket socket, String member) throws IOException {
        this.socket = socket;
        this.member = member;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
        this.out = socket.getOutputStream();
        this.body = new HttpBody(in, member);
    }

    /** Connects to {@code address}; with {@code tls}, checks the member's certificate against {@code host} as written. */
    static EtcdConnection open(InetSocketAddress address, String host, SSLContext tls, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(address, timeoutMillis);
            if (tls != null) {
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, address.getPort(), true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setApplicationProtocols(new String[] {"http/1.1"});
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                socket = secure;
            }
            return new EtcdConnection(socket, host + ":" + address.getPort());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    String member() {
        return member;
    }

    boolean reusable() {
        return reusable && !socket.isClosed();
    }

    /** One call: the JSON of a 200 answer's body; any other answer is an {@link EtcdException} in etcd's words. */
    Map<String, Object> call(String path, String body, String token, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        int status = send(path, body, token);
        String answer = this.body.readAll();
        reusable &= !this.body.runsToConnectionEnd();
        if (status != 200) {
            throw failure(status, answer);
        }
        return EtcdJson.object(answer);
    }

    /** Starts a streamed call (a watch): once the status is 200, {@link #nextLine} reads the body's lines. */
    void stream(String path, String body, String token, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        int status = send(path, body, token);
        reusable = false;
        if (status != 200) {
            throw failure(status, this.body.readAll());
        }
    }


    /**
     * The next line of a streamed body, without its newline; null once the body ended. A
     * {@link java.net.SocketTimeoutException} means nothing came for {@code timeoutMillis}: the
     * stream is intact and this may be called again.
     */
    String nextLine(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        return body.nextLine();
    }

    private int send(String path, String body, String token) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(member).append("\r\n")
                .append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n")
                // without it, a member cut off from the others would hold the call until the client gave up
                .append("Grpc-Metadata-Hasleader: true\r\n");
        if (token != null) {
            request.append("Authorization: ").append(token).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(content);
        out.flush();
        String statusLine = this.body.headerLine();
        if (statusLine == null || !statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new EtcdException("member " + member + " did not answer HTTP: " + EtcdException.excerpt(String.valueOf(statusLine)));
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new EtcdException("member " + member + " sent a bad status line: " + EtcdException.excerpt(statusLine));
        }
        readHeaders();
        return status;
    }

    /** The headers of an answer, up to the blank line; what they say of the body goes to {@link HttpBody#begin}. */
    private void readHeaders() throws IOException {
        long contentLength = -1;
        boolean chunked = false;
        for (int count = 0; ; count++) {
            String header = body.headerLine();
            if (header == null) {
                throw new EOFException("member " + member + " closed the connection within the headers");
            }
            if (header.isEmpty()) {
                body.begin(contentLength, chunked);
                return;
            }
            if (count == MAX_HEADERS) {
                throw new EtcdException("member " + member + " sent more than " + MAX_HEADERS + " headers");
            }
            int colon = header.indexOf(':');
            String name = colon < 0 ? header : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : header.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new EtcdException("member " + member + " sent a bad Content-Length: " + EtcdException.excerpt(value));
                }
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                reusable = false;
            }
        }
    }

    /** etcd's error answer: {@code {"error":..,"message":..,"code":N}} (3.4; 3.5+ only {@code message}), or whatever came. */
    private EtcdException failure(int status, String body) {
        try {
            Map<String, Object> error = EtcdJson.object(body);
            Object message = error.containsKey("message") ? error.get("message") : error.get("error");
            int code = (int) EtcdJson.number(error, "code");
            return new EtcdException("member " + member + " answered HTTP " + status + ": " + EtcdException.excerpt(String.valueOf(message)), code);
        } catch (EtcdException notJson) {
            return new EtcdException("member " + member + " answered HTTP " + status
                    + (body.isBlank() ? " with nothing more" : ": " + EtcdException.excerpt(body.strip())));
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
