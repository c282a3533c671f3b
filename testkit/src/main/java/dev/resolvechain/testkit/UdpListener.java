package dev.resolvechain.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadFactory;

/** Receives queries on a UDP socket and answers each on the receiving thread. */
final class UdpListener implements AutoCloseable {

    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramChannel channel;
    private Thread receiver;

    UdpListener(InetSocketAddress address) throws IOException {
        channel = DatagramChannel.open();
        try {
            channel.bind(address);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) channel.socket().getLocalSocketAddress()).getPort();
    }

    void serve(QueryHandler handler, ThreadFactory threads) {
        receiver = threads.newThread(() -> receive(handler));
        receiver.start();
    }

    private void receive(QueryHandler handler) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                SocketAddress client = channel.receive(buffer);
                handler.handle(buffer.flip(), new Peer(client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // one bad exchange (an ICMP error surfacing, say) must not stop the server
            }
        }
    }

    /** Returns once the port is free: a receiving thread still in its system call would keep it bound. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Threads.awaitEnd(receiver);
    }

    private final class Peer extends ReplyChannel {

        private final SocketAddress address;

        Peer(SocketAddress address) {
            super(Transport.UDP, ((InetSocketAddress) address).getPort());
            this.address = address;
        }

        @Override
        byte[] framed(byte[] wire) {
            return wire;
        }

        @Override
        boolean write(byte[] datagram) {
            try {
                channel.send(ByteBuffer.wrap(datagram), address);
                return true;
            } catch (IOException e) {
                return false; // the client's port is gone, or this server was stopped meanwhile
            }
        }
    }
}
