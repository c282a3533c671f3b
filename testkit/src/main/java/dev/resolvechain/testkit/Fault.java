package dev.resolvechain.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * How a {@link TestDnsServer} misbehaves, if it does, when answering a query.
 *
 * <p>Each fault has a textual form, its {@link #toString()}, which {@link #parse} reads back: {@code drop},
 * {@code delay:800ms}, {@code loss:0.3}, {@code trickle:100ms}, {@code otherClass}, ...: the name of its factory
 * method, and its argument after a colon (durations in {@code s}, {@code ms}, {@code us} or {@code ns}).
 */
public final class Fault {

    /** The address of the CHAOS-class A record that {@link #otherClassBesideAnswer()} adds. */
    public static final String OTHER_CLASS_IPV4 = "203.0.113.99";
    /** The address of the CHAOS-class AAAA record that {@link #otherClassBesideAnswer()} adds. */
    public static final String OTHER_CLASS_IPV6 = "2001:db8::99";

    private static final int GARBAGE_LENGTH = 64;
    private static final Name WRONG_LABEL = Name.fromConstantString("wrong-question");
    /** The largest EDNS payload clients advertise: {@link #oversized()} answers above it. */
    private static final int LARGEST_EDNS_PAYLOAD = 4096;
    private static final String PADDING_TEXT = "padding ".repeat(31);

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
    private static final Fault OTHER_CLASS = new Fault("otherClass", exchange -> exchange.reply(inOtherClass(exchange.answer())));
    private static final Fault OTHER_CLASS_BESIDE_ANSWER = new Fault("otherClassBesideAnswer", Fault::otherClassBesideAnswer);
    private static final Fault OVERSIZED = new Fault("oversized", Fault::oversized);

    private static final Map<String, Fault> WITHOUT_ARGUMENT = Stream.of(NONE, DROP, SERVFAIL, REFUSED, NXDOMAIN, EMPTY_ANSWER,
                    TRUNCATE, GARBAGE, WRONG_ID, WRONG_QUESTION, OTHER_CLASS, OTHER_CLASS_BESIDE_ANSWER, OVERSIZED)
            .collect(Collectors.toUnmodifiableMap(Fault::toString, fault -> fault));
    private static final Map<String, Function<String, Fault>> WITH_ARGUMENT = Map.of(
            "delay", argument -> delay(Durations.parse(argument)),
            "loss", argument -> loss(Double.parseDouble(argument)),
            "trickle", argument -> trickle(Durations.parse(argument)));

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
        return new Fault("delay:" + Durations.format(delay), exchange -> exchange.replyLater(delay, exchange.answer()));
    }

    /**
     * Over UDP, drops each query with {@code probability} and, independently, each answer with it too, as a lossy path
     * would: a try gets its answer with probability {@code (1 - probability)²}. The draws come from {@link
     * ThreadLocalRandom}, so which queries are lost differs from run to run. Over TCP, the answer: TCP hides loss.
     */
    public static Fault loss(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("loss probability " + probability + " is not within [0, 1]");
        }
        return new Fault("loss:" + probability, exchange -> {
            boolean queryArrives = ThreadLocalRandom.current().nextDouble() >= probability;
            boolean answerArrives = ThreadLocalRandom.current().nextDouble() >= probability;
            if (exchange.transport() == Transport.TCP || queryArrives && answerArrives) {
                exchange.reply(exchange.answer());
            }
        });
    }

    /**
     * Over TCP, the answer (length included) one byte at a time, {@code perByte} apart, without holding up other queries:
     * a server that keeps the connection alive and never quite answers (another query on that connection meanwhile
     * would get its answer amid those bytes). Over UDP, like {@link #truncate()}, which sends the client to TCP.
     */
    public static Fault trickle(Duration perByte) {
        if (perByte.isNegative() || perByte.isZero()) {
            throw new IllegalArgumentException("trickle needs a pause between bytes, not " + perByte);
        }
        return new Fault("trickle:" + Durations.format(perByte), exchange -> {
            if (exchange.transport() == Transport.TCP) {
                exchange.replyByteByByte(perByte, exchange.answer());
            } else {
                exchange.reply(truncatedHeader(exchange));
            }
        });
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

    /**
     * A positive answer whose records of the type asked are of class CHAOS instead of IN (the question stays IN): a
     * client must take it as no answer, since it holds no record of the class asked.
     */
    public static Fault otherClass() {
        return OTHER_CLASS;
    }

    /**
     * The correct answer, preceded by a CHAOS-class record of the type asked: for A {@value #OTHER_CLASS_IPV4}, for
     * AAAA {@value #OTHER_CLASS_IPV6}, for other types a CHAOS copy of each answer record. A client must take the IN
     * records only.
     */
    public static Fault otherClassBesideAnswer() {
        return OTHER_CLASS_BESIDE_ANSWER;
    }

    /**
     * Over UDP, the answer padded with TXT records in the additional section to more than 4096 bytes, without TC: a
     * server that ignores the client's EDNS size. Over TCP, the answer.
     */
    public static Fault oversized() {
        return OVERSIZED;
    }

    /** The fault whose {@link #toString()} is {@code spec}, e.g. {@code servfail}, {@code delay:800ms} or {@code loss:0.3}. */
    public static Fault parse(String spec) {
        String[] nameAndArgument = spec.strip().split(":", 2);
        Fault fixed = WITHOUT_ARGUMENT.get(nameAndArgument[0]);
        Function<String, Fault> parametrised = WITH_ARGUMENT.get(nameAndArgument[0]);
        if (fixed != null && nameAndArgument.length == 1) {
            return fixed;
        }
        if (parametrised != null && nameAndArgument.length == 2) {
            return parametrised.apply(nameAndArgument[1]);
        }
        throw new IllegalArgumentException("'" + spec + "' is not a fault: one of " + WITHOUT_ARGUMENT.keySet().stream().sorted().toList()
                + " or " + WITH_ARGUMENT.keySet().stream().sorted().map(name -> name + ":VALUE").toList());
    }

    void applyTo(Exchange exchange) {
        behaviour.accept(exchange);
    }

    @Override
    public String toString() {
        return description;
    }

    private static void truncate(Exchange exchange) {
        exchange.reply(exchange.transport() == Transport.TCP ? exchange.answer() : truncatedHeader(exchange));
    }

    private static Message truncatedHeader(Exchange exchange) {
        Message header = exchange.response(Rcode.NOERROR);
        header.getHeader().setFlag(Flags.TC);
        return header;
    }

    /** {@code answer} with its records of the type asked (not the CNAMEs leading to them) moved to class CHAOS. */
    private static Message inOtherClass(Message answer) {
        int asked = answer.getQuestion().getType();
        List<Record> records = List.copyOf(answer.getSection(Section.ANSWER));
        answer.removeAllRecords(Section.ANSWER);
        for (Record record : records) {
            answer.addRecord(record.getType() == asked ? chaosCopy(record) : record, Section.ANSWER);
        }
        return answer;
    }

    private static void otherClassBesideAnswer(Exchange exchange) {
        Message answer = exchange.answer();
        Record question = exchange.question();
        List<Record> records = List.copyOf(answer.getSection(Section.ANSWER));
        Stream<Record> otherClass = switch (question.getType()) {
            case Type.A -> Stream.of(new ARecord(question.getName(), DClass.CH, 60, Literals.address(OTHER_CLASS_IPV4, Address.IPv4)));
            case Type.AAAA -> Stream.of(new AAAARecord(question.getName(), DClass.CH, 60, Literals.address(OTHER_CLASS_IPV6, Address.IPv6)));
            default -> records.stream().filter(record -> record.getType() == question.getType()).map(Fault::chaosCopy);
        };
        answer.removeAllRecords(Section.ANSWER);
        Stream.concat(otherClass, records.stream()).forEach(record -> answer.addRecord(record, Section.ANSWER));
        exchange.reply(answer);
    }

    private static Record chaosCopy(Record record) {
        return Record.newRecord(record.getName(), record.getType(), DClass.CH, record.getTTL(), record.rdataToWireCanonical());
    }

    private static void oversized(Exchange exchange) {
        Message answer = exchange.answer();
        if (exchange.transport() == Transport.TCP) {
            exchange.reply(answer);
            return;
        }
        Name owner = exchange.question().getName();
        for (int padding = 1; answer.toWire().length <= LARGEST_EDNS_PAYLOAD; padding++) {
            answer.addRecord(new TXTRecord(owner, DClass.IN, 60, padding + " " + PADDING_TEXT), Section.ADDITIONAL);
        }
        exchange.reply(answer.toWire());
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
