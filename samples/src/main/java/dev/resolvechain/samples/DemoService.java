package dev.resolvechain.samples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The sample service: an ordinary Java program that knows nothing of resolvechain. It resolves the
 * names it is given with {@link InetAddress}, calls an HTTP endpoint by its alias, and exits.
 */
public final class DemoService {
    private DemoService() {
    }

    public static void main(String[] args) throws Exception {
        for (String name : args) {
            try {
                System.out.printf("  %-18s -> %s%n", name, Arrays.toString(
                        Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).toArray()));
            } catch (UnknownHostException e) {
                System.out.printf("  %-18s -> UnknownHostException: %s%n", name, e.getMessage());
            }
        }
        System.out.printf("  %-18s -> %s (reverse lookup)%n", "192.0.2.31",
                InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 31}).getHostName());
        callByAlias(args[0]);
    }

    /** Serves one page on 127.0.0.1 and fetches it as http://ALIAS:PORT/ with java.net.http. */
    private static void callByAlias(String alias) throws IOException, InterruptedException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "hello from the service behind the alias".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://" + alias + ":" + server.getAddress().getPort() + "/");
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("  GET %s -> %d \"%s\"%n", uri, response.statusCode(), response.body());
        } finally {
            server.stop(0);
        }
    }
}
