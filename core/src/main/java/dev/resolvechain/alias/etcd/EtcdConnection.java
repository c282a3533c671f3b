package dev.resolvechain.alias.etcd;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
    /** Bounds what one answer, or one line of a watch, may make this JVM hold. */
    static final int MAX_BODY = 64 << 20;
    private static final int MAX_HEADER_LINE = 8 << 10;
    private static final int MAX_HEADERS = 100;
    private static final int BODY_BUFFER = 16 << 10;

    private final Socket socket;
    private final String member;
    private final InputStream in;
    private final OutputStream out;
    private boolean reusable = true;
    /** Bytes left in the chunk being read, -1 between chunks; a watch's body is read across calls. */
    private long chunkLeft = -1;
    private boolean streamEnded;
    private long contentLength;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private EtcdConnection(Socket socket, String member) throws IOException {
        this.socket = socket;
        this.member = member;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
        this.out = socket.getOutputStream();
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
        String answer = readBody();
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
            throw failure(status, readBody());
        }
    }

    /**
     * The next line of a streamed body, without its newline; null once the body ended. A
     * {@link SocketTimeoutException} means nothing came for {@code timeoutMillis}: the stream is
     * intact and this may be called again.
     */
    String nextLine(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        while (true) {
            int b = bodyByte();
            if (b < 0) {
                if (line.size() > 0) {
                    throw new EOFException("member " + member + " ended the stream within a line");
                }
                return null;
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8).strip();
                line.reset();
                if (!text.isEmpty()) {
                    return text;
                }
            } else if (line.size() < MAX_BODY) {
                line.write(b);
            } else {
                throw new EtcdException("member " + member + " sent a line of more than " + (MAX_BODY >> 20) + " MiB", EtcdException.RESOURCE_EXHAUSTED);
            }
        }
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
        String statusLine = headerLine();
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

    private void readHeaders() throws IOException {
        contentLength = -1;
        chunkLeft = -2; // no chunked body unless the headers say so
        streamEnded = false;
        for (int count = 0; ; count++) {
            String header = headerLine();
            if (header == null) {
                throw new EOFException("member " + member + " closed the connection within the headers");
            }
            if (header.isEmpty()) {
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
                chunkLeft = -1;
            } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                reusable = false;
            }
        }
    }

    /** A whole (unstreamed) body, within {@link #MAX_BODY}. */
    private String readBody() throws IOException {
        if (chunkLeft == -2 && contentLength >= 0) {
            if (contentLength > MAX_BODY) {
                throw new EtcdException("member " + member + " sent an answer of " + contentLength + " bytes, more than " + (MAX_BODY >> 20) + " MiB",
                        EtcdException.RESOURCE_EXHAUSTED);
            }
            byte[] body = in.readNBytes((int) contentLength);
            if (body.length < contentLength) {
                throw new EOFException("member " + member + " closed the connection within an answer");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
        if (chunkLeft == -2) {
            reusable = false; // the body runs to the connection's end
        }
        // a range page of 1,000 keys is a chunked answer of about 400 KB: read a chunk at a time, not a byte
        ByteArrayOutputStream body = new ByteArrayOutputStream(BODY_BUFFER);
        byte[] buffer = new byte[BODY_BUFFER];
        for (int n = bodyBytes(buffer); n >= 0; n = bodyBytes(buffer)) {
            if (body.size() + n > MAX_BODY) {
                throw new EtcdException("member " + member + " sent an answer of more than " + (MAX_BODY >> 20) + " MiB", EtcdException.RESOURCE_EXHAUSTED);
            }
            body.write(buffer, 0, n);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /**
     * The body's next bytes, chunked or not, into {@code buffer} (at most its length, and never past the chunk being
     * read); their count, -1 at the body's end. As {@link #bodyByte}, state changes only after a read succeeded.
     */
    private int bodyBytes(byte[] buffer) throws IOException {
        if (streamEnded) {
            return -1;
        }
        if (chunkLeft == -2) {
            return in.read(buffer, 0, buffer.length);
        }
        if (chunkLeft <= 0) { // the framing before the next chunk (or the end): one byte through bodyByte, which reads it
            int b = bodyByte();
            if (b < 0) {
                return -1;
            }
            buffer[0] = (byte) b;
            return 1;
        }
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, chunkLeft));
        if (n < 0) {
            throw new EOFException("member " + member + " closed the connection within a chunk");
        }
        chunkLeft -= n;
        return n;
    }

    /** The next byte of the body, chunked or not; -1 at its end. State changes only after a read succeeded, so a timeout loses nothing. */
    private int bodyByte() throws IOException {
        if (streamEnded) {
            return -1;
        }
        if (chunkLeft == -2) {
            return in.read();
        }
        if (chunkLeft <= 0) {
            if (chunkLeft == 0) {
                if (!"".equals(headerLine())) {
                    throw new EtcdException("member " + member + " sent a chunk without its line end");
                }
                chunkLeft = -1;
            }
            String size = headerLine();
            if (size == null) {
                throw new EOFException("member " + member + " closed the connection within a chunked answer");
            }
            try {
                int extension = size.indexOf(';');
                chunkLeft = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new EtcdException("member " + member + " sent a bad chunk size: " + EtcdException.excerpt(size));
            }
            if (chunkLeft == 0) {
                for (String trailer = headerLine(); trailer != null && !trailer.isEmpty(); trailer = headerLine()) {
                    // trailers (etcd's Grpc-Trailer-*) carry nothing needed
                }
                streamEnded = true;
                return -1;
            }
        }
        int b = in.read();
        if (b < 0) {
            throw new EOFException("member " + member + " closed the connection within a chunk");
        }
        chunkLeft--;
        return b;
    }

    /** A CRLF-ended line of the headers or the chunk framing; null at the connection's end before any byte. */
    private String headerLine() throws IOException {
        StringBuilder header = new StringBuilder();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return header.length() == 0 ? null : header.toString();
            }
            if (b == '\n') {
                int end = header.length() > 0 && header.charAt(header.length() - 1) == '\r' ? header.length() - 1 : header.length();
                return header.substring(0, end);
            }
            if (header.length() == MAX_HEADER_LINE) {
                throw new EtcdException("member " + member + " sent a header line of more than " + MAX_HEADER_LINE + " bytes");
            }
            header.append((char) b);
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
