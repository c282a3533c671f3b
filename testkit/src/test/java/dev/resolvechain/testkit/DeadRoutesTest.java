package dev.resolvechain.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the kernel does with a datagram or a connection to a dead nameserver, as the JDK reports it: the record the
 * package documentation gives. A blackhole or unreachable route fails the first call that needs the route, at once,
 * whether that is a send or a connect; an address on the link that nobody holds, or a silent server, is silence.
 */
class DeadRoutesTest {

    private static final int DNS_PORT = 53;
    private static final Duration SILENCE = Duration.ofMillis(500);
    private static final Duration REFUSAL = Duration.ofSeconds(5);
    /** Neighbour discovery gives up after about 3 s; a TCP connect to an absent neighbour fails then. */
    private static final Duration ARP_GIVES_UP = Duration.ofSeconds(20);
    private static final byte[] DATAGRAM = DnsClient.query("web.test", org.xbill.DNS.Type.A).toWire();

    private static Netns netns;
    private static InetSocketAddress blackhole;
    private static InetSocketAddress unreachable;
    private static InetSocketAddress absentNeighbour;

    @BeforeAll
    static void createRoutes() {
        netns = Netns.create();
        blackhole = new InetSocketAddress(netns.spare(0), DNS_PORT);
        unreachable = new InetSocketAddress(netns.spare(1), DNS_PORT);
        absentNeighbour = new InetSocketAddress(netns.spare(2), DNS_PORT);
        netns.route("blackhole " + netns.spare(0).getHostAddress() + "/32")
                .route("unreachable " + netns.spare(1).getHostAddress() + "/32")
                .route(netns.spare(2).getHostAddress() + "/32 dev " + netns.hostInterface());
    }

    @AfterAll
    static void removeRoutes() {
        if (netns != null) {
            netns.close();
        }
    }

    static Stream<Arguments> deadRoutes() {
        return Stream.of("blackhole", "unreachable").flatMap(route -> Stream.of(
                Arguments.of(route, "DatagramSocket send, unconnected", (Call) to -> {
                    try (DatagramSocket socket = new DatagramSocket()) {
                        socket.send(new DatagramPacket(DATAGRAM, DATAGRAM.length, to));
                    }
                }),
                Arguments.of(route, "DatagramSocket connect", (Call) to -> {
                    try (DatagramSocket socket = new DatagramSocket()) {
                        socket.connect(to);
                    }
                }),
                Arguments.of(route, "DatagramChannel send, unconnected", (Call) to -> {
                    try (DatagramChannel channel = DatagramChannel.open()) {
                        channel.send(ByteBuffer.wrap(DATAGRAM), to);
                    }
                }),
                Arguments.of(route, "DatagramChannel connect", (Call) to -> {
                    try (DatagramChannel channel = DatagramChannel.open()) {
                        channel.connect(to);
                    }
                }),
                Arguments.of(route, "Socket connect (TCP)", (Call) to -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(to, (int) REFUSAL.toMillis());
                    }
                })));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deadRoutes")
    void aDeadRouteFailsTheCallThatNeedsIt(String route, String call, Call attempt) {
        InetSocketAddress to = route.equals("blackhole") ? blackhole : unreachable;

        Exception failure = assertThrows(Exception.class, () -> attempt.to(to));

        // blackhole: EINVAL, which the JDK reports as a plain SocketException; unreachable: EHOSTUNREACH
        Class<?> expected = route.equals("blackhole") ? SocketException.class : NoRouteToHostException.class;
        String message = route.equals("blackhole") ? "Invalid argument" : "No route to host";
        assertEquals(expected, failure.getClass(), failure::toString);
        assertEquals(message, failure.getMessage());
    }

    @Test
    void anAbsentNeighbourIsSilenceOverUdpAndNoRouteToHostOverTcpOnceNeighbourDiscoveryGivesUp() throws Exception {
        try (DatagramSocket connected = new DatagramSocket(); DatagramSocket unconnected = new DatagramSocket()) {
            connected.connect(absentNeighbour);

            assertThrows(SocketTimeoutException.class, () -> exchange(connected, null));
            assertThrows(SocketTimeoutException.class, () -> exchange(unconnected, absentNeighbour));
        }
        try (Socket socket = new Socket()) {
            assertThrows(NoRouteToHostException.class, () -> socket.connect(absentNeighbour, (int) ARP_GIVES_UP.toMillis()));
        }
    }

    @Test
    void aNamespaceAddressWithoutListenerIsPortUnreachableWhenConnectedSilenceOtherwiseAndRefusedOverTcp() throws Exception {
        InetSocketAddress closedPort = new InetSocketAddress(netns.address(), DNS_PORT);
        try (DatagramSocket connected = new DatagramSocket(); DatagramSocket unconnected = new DatagramSocket();
             DatagramChannel channel = DatagramChannel.open().connect(closedPort)) {
            connected.connect(closedPort);

            assertThrows(PortUnreachableException.class, () -> exchange(connected, null));
            assertThrows(SocketTimeoutException.class, () -> exchange(unconnected, closedPort));
            channel.write(ByteBuffer.wrap(DATAGRAM));
            assertThrows(PortUnreachableException.class, () -> channel.read(ByteBuffer.allocate(512)));
        }
        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class, () -> socket.connect(closedPort, (int) REFUSAL.toMillis()));
        }
    }

    /** Sends the query ({@code to} null: to the connected address) and waits {@link #SILENCE} for an answer. */
    private static void exchange(DatagramSocket socket, InetSocketAddress to) throws Exception {
        DatagramPacket query = to == null ? new DatagramPacket(DATAGRAM, DATAGRAM.length) : new DatagramPacket(DATAGRAM, DATAGRAM.length, to);
        socket.setSoTimeout((int) (to == null ? REFUSAL : SILENCE).toMillis());
        socket.send(query);
        socket.receive(new DatagramPacket(new byte[512], 512));
    }

    @FunctionalInterface
    interface Call {
        void to(InetSocketAddress address) throws Exception;
    }
}
