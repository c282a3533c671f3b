package dev.resolvechain.testkit;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** One query being answered: what a {@link Fault} works with to decide what, if anything, goes back. */
final class Exchange {

    private static final int CLASSIC_UDP_LIMIT = 512;
    private static final int ADVERTISED_EDNS_PAYLOAD = 1232;

    private final Message query;
    private final Zone zone;
    private final ReplyChannel channel;
    private final ScheduledExecutorService scheduler;

    Exchange(Message query, Zone zone, ReplyChannel channel, ScheduledExecutorService scheduler) {
        this.query = query;
        this.zone = zone;
        this.channel = channel;
        this.scheduler = scheduler;
    }

    Record question() {
        return query.getQuestion();
    }

    Transport transport() {
        return channel.transport();
    }

    /** The answer the zone's data gives. */
    Message answer() {
        Message response = response(Rcode.NOERROR);
        zone.answer(question(), response);
        return response;
    }

    /** A negative answer with {@code rcode} whatever the data says, carrying the enclosing zone's SOA like a real one. */
    Message negativeAnswer(int rcode) {
        Message response = response(rcode);
        zone.addAuthority(question().getName(), response);
        return response;
    }

    /** A response to this query with {@code rcode} and no records, flagged as a recursive server's would be. */
    Message response(int rcode) {
        Message response = new Message(query.getHeader().getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setFlag(Flags.AA);
        header.setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        header.setOpcode(query.getHeader().getOpcode());
        header.setRcode(rcode);
        response.addRecord(question(), Section.QUESTION);
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(ADVERTISED_EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        return response;
    }

    void reply(Message response) {
        channel.send(toWire(response));
    }

    void reply(byte[] wire) {
        channel.send(wire);
    }

    void replyLater(Duration delay, Message response) {
        byte[] wire = toWire(response);
        scheduler.schedule(() -> channel.send(wire), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Writes {@code response} as the transport frames it one byte at a time, {@code pause} apart, until done or the client is gone. */
    void replyByteByByte(Duration pause, Message response) {
        writeFrom(channel.framed(toWire(response)), 0, pause);
    }

    private void writeFrom(byte[] bytes, int index, Duration pause) {
        if (channel.write(new byte[] {bytes[index]}) && index + 1 < bytes.length) {
            scheduler.schedule(() -> writeFrom(bytes, index + 1, pause), pause.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Over UDP, a response larger than the client accepts is cut to fit, with TC set, sending it to TCP. */
    private byte[] toWire(Message response) {
        if (transport() == Transport.TCP) {
            return response.toWire();
        }
        OPTRecord edns = query.getOPT();
        return response.toWire(edns == null ? CLASSIC_UDP_LIMIT : Math.max(CLASSIC_UDP_LIMIT, edns.getPayloadSize()));
    }
}
