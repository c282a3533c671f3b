package dev.resolvechain.dns;

import dev.resolvechain.config.Endpoint;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;

/**
 * A loopback UDP port nobody listens on, so that queries to it get ICMP port unreachable. (Rather
 * than a stopped TestDnsServer, whose socket may linger until its receiving thread lets go of it.)
 */
public final class ClosedPort {
    private ClosedPort() {
    }

    public static Endpoint endpoint() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return new Endpoint(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }
}
