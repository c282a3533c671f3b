package dev.resolvechain.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/** One HTTP/1.1 exchange with a member on 127.0.0.1, over TLS when given a context; no retries of its own. */
final class EtcdHttp {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** An answer of any status: the gateway's errors are JSON bodies too. */
    record Response(int status, String body) {
        boolean ok() {
            return status == HttpURLConnection.HTTP_OK;
        }
    }

    private final SSLContext tls;

    /** {@code tls} null for plain http. */
    EtcdHttp(SSLContext tls) {
        this.tls = tls;
    }

    String scheme() {
        return tls == null ? "http" : "https";
    }

    Response get(int port, String path) throws IOException {
        return exchange(port, path, null, null);
    }

    /**
     * POSTs {@code json}, requiring a leader (a member that lost its leader answers 503 at once instead of blocking), with
     * {@code token} as {@code Authorization} unless it is null.
     */
    Response post(int port, String path, String json, String token) throws IOException {
        return exchange(port, path, json, token);
    }

    private Response exchange(int port, String path, String json, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(scheme() + "://127.0.0.1:" + port + path).toURL().openConnection(Proxy.NO_PROXY);
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls.getSocketFactory());
        }
        connection.setConnectTimeout((int) TIMEOUT.toMillis());
        connection.setReadTimeout((int) TIMEOUT.toMillis());
        try {
            if (json != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setRequestProperty("Grpc-Metadata-Hasleader", "true");
                if (token != null) {
                    connection.setRequestProperty("Authorization", token);
                }
                byte[] body = json.getBytes(StandardCharsets.UTF_8);
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            return new Response(status, in == null ? "" : readAll(in));
        } finally {
            connection.disconnect();
        }
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
