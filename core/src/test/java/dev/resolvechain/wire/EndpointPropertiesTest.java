package dev.resolvechain.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Server addresses as written in the configuration: any text is an endpoint or an IllegalArgumentException, and what is written reads back. */
class EndpointPropertiesTest {
    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> pieces = Arbitraries.of("[", "]", ":", "::", "%", "%lo", "%1", "1", "53", "65535", "65536", "0", "-1", "+5", "99999999999",
                "10.0.0.1", "::1", "fe80::1", "2001:db8::", " ", "\t", "\0", "\u00e9", "a", "x.y").list().ofMaxSize(8)
                .map(parts -> String.join("", parts));
        return Arbitraries.oneOf(pieces, Arbitraries.strings().all().ofMaxLength(60));
    }

    @Property(tries = 1000)
    void anyTextIsAnEndpointOrAnIllegalArgumentException(@ForAll("anyText") String text) {
        try {
            Endpoint endpoint = Endpoint.parse(text);
            assertTrue(endpoint.port() >= 1 && endpoint.port() <= 65535, endpoint.toString());
            assertEquals(endpoint, Endpoint.parse(endpoint.toString()), "what it says reads back");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }

    @Provide
    Arbitrary<Endpoint> endpoint() {
        Arbitrary<InetAddress> address = Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16)).map(bytes -> {
                    try {
                        return InetAddress.getByAddress(bytes);
                    } catch (UnknownHostException e) {
                        throw new IllegalArgumentException(e);
                    }
                });
        Arbitrary<Integer> port = Arbitraries.oneOf(Arbitraries.just(Endpoint.DNS_PORT), Arbitraries.integers().between(1, 65535));
        return Combinators.combine(address, port).as(Endpoint::new);
    }

    @Property(tries = 1000)
    void anEndpointReadsBackAsItIsWritten(@ForAll("endpoint") Endpoint endpoint) {
        assertEquals(endpoint, Endpoint.parse(endpoint.toString()));
        assertEquals(endpoint, Endpoint.parse(" " + endpoint + "\t"), "blanks around are no part of it");
    }
}
