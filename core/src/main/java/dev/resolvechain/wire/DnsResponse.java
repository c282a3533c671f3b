package dev.resolvechain.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DNS response as the chain reads it, parsed by hand: a JVM's first lookup then loads a handful
 * of small classes instead of a DNS library's registry of every record type (about 40 ms at start).
 * It keeps the header, the first question, and of the answer and authority sections the records the
 * chain reads (A, AAAA, CNAME, PTR, SOA; others by type and owner only). It is as strict as dnsjava,
 * the oracle of its tests, about what it reads: names (compression pointers pointing back, label
 * types, lengths), record lengths, the records of those types and of OPT; a record of another
 * type is skipped by its length. The extended RCODE of an OPT record counts, as in dnsjava.
 */
final class DnsResponse {
    static final int TYPE_A = 1;
    static final int TYPE_NS = 2;
    static final int TYPE_CNAME = 5;
    static final int TYPE_SOA = 6;
    static final int TYPE_PTR = 12;
    static final int TYPE_AAAA = 28;
    static final int TYPE_OPT = 41;
    static final int CLASS_IN = 1;
    private static final int HEADER_LENGTH = 12;
    private static final int FLAG_QR = 0x8000;
    private static final int FLAG_TC = 0x0200;
    private static final int OPCODE_QUERY = 0;

    /** One resource record: for A/AAAA its address bytes, for CNAME/PTR its target, for SOA the smaller of its TTL and MINIMUM. */
    record Rr(DnsName name, int type, int dclass, long ttl, byte[] address, DnsName target, long soaMinimum) {
    }

    final int id;
    final int flags;
    final int rcode;
    final DnsName questionName;
    final int questionType;
    final int questionClass;
    final List<Rr> answers;
    final List<Rr> authority;

    private DnsResponse(int id, int flags, int rcode, DnsName questionName, int questionType, int questionClass, List<Rr> answers,
                        List<Rr> authority) {
        this.id = id;
        this.flags = flags;
        this.rcode = rcode;
        this.questionName = questionName;
        this.questionType = questionType;
        this.questionClass = questionClass;
        this.answers = answers;
        this.authority = authority;
    }

    boolean isResponse() {
        return (flags & FLAG_QR) != 0;
    }

    boolean truncated() {
        return (flags & FLAG_TC) != 0;
    }

    /** Whether it holds a question, and that question is {@code name}, {@code type}, class IN. */
    boolean asks(DnsName name, int type) {
        return questionName != null && questionType == type && questionClass == CLASS_IN && questionName.equals(name);
    }

    boolean hasQuestion() {
        return questionName != null;
    }

    /**
     * The response in {@code datagram}, or null when it is none: too short, malformed (with TC set,
     * what parsed before the fault is kept, as dnsjava does), or of another opcode than QUERY.
     */
    static DnsResponse parse(ByteBuffer datagram) {
        byte[] message = new byte[datagram.remaining()];
        datagram.duplicate().get(message);
        if (message.length < HEADER_LENGTH) {
            return null;
        }
        int id = (message[0] & 0xff) << 8 | message[1] & 0xff;
        int flags = (message[2] & 0xff) << 8 | message[3] & 0xff;
        if ((flags >>> 11 & 0xf) != OPCODE_QUERY) {
            return null;
        }
        int[] counts = new int[4];
        for (int i = 0; i < 4; i++) {
            counts[i] = (message[4 + 2 * i] & 0xff) << 8 | message[5 + 2 * i] & 0xff;
        }
        Reader in = new Reader(message);
        DnsName questionName = null;
        int questionType = 0;
        int questionClass = 0;
        List<Rr> answers = new ArrayList<>(counts[1]);
        List<Rr> authority = new ArrayList<>(0);
        Rr firstOpt = null;
        try {
            for (int i = 0; i < counts[0]; i++) {
                DnsName name = in.name();
                int type = in.u16();
                int dclass = in.u16();
                if (questionName == null) {
                    questionName = name;
                    questionType = type;
                    questionClass = dclass;
                }
            }
            for (int section = 1; section <= 3; section++) {
                for (int i = 0; i < counts[section]; i++) {
                    Rr record = in.record();
                    if (section == 1) {
                        answers.add(record);
                    } else if (section == 2) {
                        authority.add(record);
                    } else if (record.type == TYPE_OPT && firstOpt == null) {
                        firstOpt = record;
                    }
                }
            }
        } catch (Malformed e) {
            if ((flags & FLAG_TC) == 0) {
                return null;
            }
        }
        int rcode = (flags & 0xf) + (firstOpt == null ? 0 : (int) (firstOpt.ttl >>> 24) << 4);
        return new DnsResponse(id, flags, rcode, questionName, questionType, questionClass, answers, authority);
    }

    /** The message does not parse. No stack trace: garbage from the network is not exceptional. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }

    private static final class Reader {
        private static final int MAX_POINTERS = 128;
        private final byte[] message;
        private int position;

        Reader(byte[] message) {
            this.message = message;
            this.position = HEADER_LENGTH;
        }

        int u16() throws Malformed {
            need(2);
            int value = (message[position] & 0xff) << 8 | message[position + 1] & 0xff;
            position += 2;
            return value;
        }

        private long u32() throws Malformed {
            need(4);
            long value = (long) (message[position] & 0xff) << 24 | (message[position + 1] & 0xff) << 16
                    | (message[position + 2] & 0xff) << 8 | message[position + 3] & 0xff;
            position += 4;
            return value;
        }

        private void need(int bytes) throws Malformed {
            if (position + bytes > message.length) {
                throw new Malformed();
            }
        }

        /** A name at the position, following compression pointers (each to an earlier place). */
        DnsName name() throws Malformed {
            byte[] wire = new byte[DnsName.MAX_WIRE_LENGTH];
            int length = 0;
            int at = position;
            boolean jumped = false;
            int pointers = 0;
            while (true) {
                if (at >= message.length) {
                    throw new Malformed();
                }
                int label = message[at] & 0xff;
                if ((label & 0xc0) == 0xc0) {
                    if (at + 1 >= message.length || ++pointers > MAX_POINTERS) {
                        throw new Malformed();
                    }
                    int target = (label & 0x3f) << 8 | message[at + 1] & 0xff;
                    if (target >= at) {
                        throw new Malformed(); // pointing forward, or at itself: a loop
                    }
                    if (!jumped) {
                        position = at + 2;
                        jumped = true;
                    }
                    at = target;
                } else if ((label & 0xc0) != 0) {
                    throw new Malformed(); // label types 01 and 10 are obsolete
                } else {
                    if (at + 1 + label > message.length || length + 1 + label > DnsName.MAX_WIRE_LENGTH) {
                        throw new Malformed();
                    }
                    System.arraycopy(message, at, wire, length, label + 1);
                    length += label + 1;
                    at += label + 1;
                    if (label == 0) {
                        if (!jumped) {
                            position = at;
                        }
                        return length == 1 ? DnsName.ROOT : new DnsName(Arrays.copyOf(wire, length));
                    }
                }
            }
        }

        Rr record() throws Malformed {
            DnsName name = name();
            int type = u16();
            int dclass = u16();
            long ttl = u32();
            int length = u16();
            need(length);
            int end = position + length;
            byte[] address = null;
            DnsName target = null;
            long soaMinimum = 0;
            switch (type) {
                case TYPE_A, TYPE_AAAA -> {
                    if (length != (type == TYPE_A ? 4 : 16)) {
                        throw new Malformed();
                    }
                    address = Arrays.copyOfRange(message, position, end);
                    position = end;
                }
                case TYPE_NS, TYPE_CNAME, TYPE_PTR -> target = name();
                case TYPE_SOA -> {
                    name();
                    name();
                    position += 16; // serial, refresh, retry, expire: checked by the read of MINIMUM and the end
                    soaMinimum = u32();
                }
                case TYPE_OPT -> {
                    while (position < end) {
                        u16();
                        int optionLength = u16();
                        need(optionLength);
                        position += optionLength;
                    }
                }
                default -> position = end;
            }
            if (position != end) {
                throw new Malformed();
            }
            return new Rr(name, type, dclass, ttl, address, target, soaMinimum);
        }
    }
}
