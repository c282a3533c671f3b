package dev.resolvechain.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void parsesAndPrintsEveryForm() {
        assertEquals("127.0.0.1", Endpoint.parse("127.0.0.1").toString());
        assertEquals("127.0.0.1:5353", Endpoint.parse(" 127.0.0.1:5353 ").toString());
        assertEquals(53, Endpoint.parse("::1").port());
        assertEquals("[0:0:0:0:0:0:0:1]:5353", Endpoint.parse("[::1]:5353").toString());
        assertEquals(53, Endpoint.parse("[::1]").port());
    }

    @Test
    void refusesNamesAndBadPorts() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("dns.example:53"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("127.0.0.1:0"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("127.0.0.1:65536"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("[::1"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("1.2.3.4:abc"));
    }
}
