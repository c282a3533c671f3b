package dev.resolvechain.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LiteralsTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1:53, 127.0.0.1, 53", "10.160.0.2:0, 10.160.0.2, 0", "[::1]:5353, 0:0:0:0:0:0:0:1, 5353"})
    void socketAddressesAreAddressColonPort(String text, String address, int port) {
        InetSocketAddress parsed = Literals.socketAddress(text);

        assertEquals(address, parsed.getAddress().getHostAddress());
        assertEquals(port, parsed.getPort());
        assertEquals(parsed, Literals.socketAddress(Literals.endpoint(parsed)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1", "::1:53", "localhost:53", "127.0.0.1:x", "127.0.0.1:70000"})
    void otherTextIsNoSocketAddress(String text) {
        assertThrows(IllegalArgumentException.class, () -> Literals.socketAddress(text));
    }

    @ParameterizedTest
    @CsvSource({"800ms, PT0.8S", "2s, PT2S", "250us, PT0.00025S", "10ns, PT0.00000001S", "0s, PT0S"})
    void durationsReadAndWriteTheirLargestExactUnit(String text, Duration duration) {
        assertEquals(duration, Durations.parse(text));
        assertEquals(text, Durations.format(duration));
    }
}
