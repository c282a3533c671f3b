package dev.resolvechain.agent.it.libs;

import java.time.Duration;
import java.util.List;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * {@code ReactorNettyChild SERVER_ADDRESS NAME...}: serves HTTP on SERVER_ADDRESS, then GETs
 * {@code http://NAME:PORT/} with reactor-netty's {@code HttpClient.create()} (Spring WebClient's), whose
 * default resolver is Netty's DnsNameResolver.
 */
public final class ReactorNettyChild {
    private ReactorNettyChild() {
    }

    public static void main(String[] arguments) throws Exception {
        int port = AddressEchoServer.start(arguments[0]);
        HttpClient client = HttpClient.create();
        Targets.reachEach(List.of(arguments).subList(1, arguments.length), name -> {
            try {
                return client.get().uri("http://" + name + ":" + port + "/")
                        .responseSingle((response, body) -> response.status().code() == 200
                                ? body.asString()
                                : Mono.error(new IllegalStateException("HTTP " + response.status())))
                        .block(Duration.ofSeconds(Targets.TIMEOUT_SECONDS));
            } catch (RuntimeException e) {
                // block() wraps a checked exception (UnknownHostException, say) in one of Reactor's own
                throw Exceptions.unwrap(e) instanceof Exception cause ? cause : e;
            }
        });
    }
}
