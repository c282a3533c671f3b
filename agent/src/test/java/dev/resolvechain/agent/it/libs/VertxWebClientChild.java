package dev.resolvechain.agent.it.libs;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code VertxWebClientChild SERVER_ADDRESS NAME...}: serves HTTP on SERVER_ADDRESS, then GETs
 * {@code http://NAME:PORT/} with Vert.x's WebClient on default options, whose resolver is Netty's
 * DnsNameResolver (unless {@code -Dvertx.disableDnsResolver=true}, which this child is never given).
 */
public final class VertxWebClientChild {
    private VertxWebClientChild() {
    }

    public static void main(String[] arguments) throws Exception {
        int port = AddressEchoServer.start(arguments[0]);
        WebClient client = WebClient.create(Vertx.vertx());
        Targets.reachEach(List.of(arguments).subList(1, arguments.length), name -> {
            HttpResponse<Buffer> response = client.getAbs("http://" + name + ":" + port + "/").send()
                    .toCompletionStage().toCompletableFuture().get(Targets.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return response.bodyAsString();
        });
    }
}
