package dev.resolvechain.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** How a {@link TestDnsServer} misbehaves, if it does, when answering a query. */
public final class Fault {

    private static final int GARBAGE_LENGTH = 64;
    private static final Name WRONG_LABEL = Name.fromConstantString("wrong-question");

    private static final Fault NONE = new Fault("none", exchange -> exchange.reply(exchange.answer()));
    private static final Fault DROP = new Fault("drop", exchange -> {});
    private static final Fault SERVFAIL = new Fault("servfail", exchange -> exchange.reply(exchange.response(Rcode.SERVFAIL)));
    private static final Fault REFUSED = new Fault("refused", exchange -> exchange.reply(exchange.response(Rcode.REFUSED)));
    private static final Fault NXDOMAIN = new Fault("nxdomain", exchange -> exchange.reply(exchange.negativeAnswer(Rcode.NXDOMAIN)));
    private static final Fault EMPTY_ANSWER = new Fault("emptyAnswer", exchange -> exchange.reply(exchange.negativeAnswer(Rcode.NOERROR)));
    private static final Fault TRUNCATE = new Fault("truncate", Fault::truncate);
    private static final Fault GARBAGE = new Fault("garbage", exchange -> exchange.reply(randomBytes()));
    private static final Fault WRONG_ID = new Fault("wrongId", Fault::wrongId);
    private static final Fault WRONG_QUESTION = new Fault("wrongQuestion", Fault::wrongQuestion);

    private final String description;
    private final Consumer<Exchange> behaviour;

    private Fault(String description, Consumer<Exchange> behaviour) {
        this.description = description;
        this.behaviour = behaviour;
    }

    /** Answers correctly. */
    public static Fault none() {
        return NONE;
    }

    /** Receives the query and never answers. */
    public static Fault drop() {
        return DROP;
    }

    /** Answers correctly after {@code delay}; other queries are answered meanwhile. */
    public static Fault delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        return new Fault("delay(" + delay + ")", exchange -> exchange.replyLater(delay, exchange.answer()));
    }

    public static Fault servfail() {
        return SERVFAIL;
    }

    public static Fault refused() {
        return REFUSED;
    }

    /** NXDOMAIN even for names that have records (with the enclosing zone's SOA, as any negative answer). */
    public static Fault nxdomain() {
        return NXDOMAIN;
    }

    /** NOERROR with no records (NODATA), even for names that have records of the type asked. */
    public static Fault emptyAnswer() {
        return EMPTY_ANSWER;
    }

    /** Over UDP, a header with TC set and no records; over TCP, the full answer. */
    public static Fault truncate() {
        return TRUNCATE;
    }

    /** Random bytes instead of a DNS message. */
    public static Fault garbage() {
        return GARBAGE;
    }

    /** The correct answer under another transaction id. */
    public static Fault wrongId() {
        return WRONG_ID;
    }

    /** A positive answer, but for another name: {@code wrong-question.<asked name>}, in question and records. */
    public static Fault wrongQuestion() {
        return WRONG_QUESTION;
    }

    void applyTo(Exchange exchange) {
        behaviour.accept(exchange);
    }

    @Override
    public String toString() {
        return description;
    }

    private static void truncate(Exchange exchange) {
        if (exchange.transport() == Transport.TCP) {
            exchange.reply(exchange.answer());
            return;
        }
        Message header = exchange.response(Rcode.NOERROR);
        header.getHeader().setFlag(Flags.TC);
        exchange.reply(header);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[GARBAGE_LENGTH];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static void wrongId(Exchange exchange) {
        Message answer = exchange.answer();
        answer.getHeader().setID((answer.getHeader().getID() + 1) & 0xFFFF);
        exchange.reply(answer);
    }

    private static void wrongQuestion(Exchange exchange) {
        Message answer = exchange.answer();
        Name asked = exchange.question().getName();
        Name other = otherThan(asked);
        List<Record> records = List.copyOf(answer.getSection(Section.ANSWER));
        answer.removeAllRecords(Section.QUESTION);
        answer.removeAllRecords(Section.ANSWER);
        answer.addRecord(exchange.question().withName(other), Section.QUESTION);
        for (Record record : records) {
            answer.addRecord(record.getName().equals(asked) ? record.withName(other) : record, Section.ANSWER);
        }
        exchange.reply(answer);
    }

    private static Name otherThan(Name asked) {
        try {
            return Name.concatenate(WRONG_LABEL, asked);
        } catch (NameTooLongException e) {
            // no room for another label; the parent is another name too, and never the root at that length
            return new Name(asked, 1);
        }
    }
}
