package dev.resolvechain.alias.etcd;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The framing of the answers on one HTTP/1.1 connection: CRLF-ended header lines, and a body sized by
 * {@code Content-Length}, chunked (with trailers), or running to the connection's end. A body is read
 * whole ({@link #readAll}) or line by line across calls ({@link #nextLine}, a watch); state changes
 * only after a read succeeded, so a read that timed out loses nothing. Every size is capped.
 */
final class HttpBody {
    /** Bounds what one answer, or one line of a watch, may make this JVM hold. */
    static final int MAX_BODY = 64 << 20;
    private static final int MAX_HEADER_LINE = 8 << 10;
    private static final int BODY_BUFFER = 16 << 10;

    private final InputStream in;
    private final String member;
    /** Bytes left in the chunk being read, -1 between chunks, -2 for a body that is not chunked. */
    private long chunkLeft = -2;
    private boolean streamEnded;
    private long contentLength = -1;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    HttpBody(InputStream in, String member) {
        this.in = in;
        this.member = member;
    }

    /** A new answer's body follows, as its headers described it ({@code contentLength} -1: none given). */
    void begin(long contentLength, boolean chunked) {
        this.contentLength = contentLength;
        this.chunkLeft = chunked ? -1 : -2;
        this.streamEnded = false;
        this.line.reset();
    }

    /** The body has neither a length nor chunks: it ends with the connection, which cannot carry another answer. */
    boolean runsToConnectionEnd() {
        return chunkLeft == -2 && contentLength < 0;
    }

    /**
     * The next line of a streamed body, without its newline; null once the body ended. A read that
     * timed out leaves the line read so far in place: this may be called again.
     */
    String nextLine() throws IOException {
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

    /** A whole (unstreamed) body, within {@link #MAX_BODY}. */
    String readAll() throws IOException {
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
    String headerLine() throws IOException {
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
}
