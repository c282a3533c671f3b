package dev.resolvechain.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** DNS messages on the wire: the queries the chain sends, and what it reads from a response. */
final class DnsMessages {
    static final int EDNS_PAYLOAD = 1232;
    private static final int MAX_CNAME_CHAIN = 16;

    static final int NOERROR = 0;
    static final int SERVFAIL = 2;
    static final int NXDOMAIN = 3;
    static final int REFUSED = 5;
    private static final int FLAG_RD = 0x0100;
    private static final String[] RCODES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET",
        "NXRRSET", "NOTAUTH", "NOTZONE"};

    /** Opened at the first query, not when a tier is built. */
    private static final class Wire {
        static final RandomIds RANDOM = RandomIds.open();
    }

    private DnsMessages() {
    }

    /** Random bits for the ids of one exchange's queries (see {@link #queryId}). */
    static int randomIds() {
        return Wire.RANDOM.nextInt();
    }

    /** NOERROR (with or without data) and NXDOMAIN end the search for an answer; other codes move on. */
    static boolean isFinal(int rcode) {
        return rcode == NOERROR || rcode == NXDOMAIN;
    }

    static int queryId(int random, int index) {
        return ((random >>> (index % 2 * 16)) + index / 2) & 0xffff;
    }

    static int idOf(byte[] query) {
        return (query[0] & 0xff) << 8 | query[1] & 0xff;
    }

    /** {@code NXDOMAIN}, {@code SERVFAIL}, or {@code RCODE17} for one without a name. */
    static String rcodeName(int rcode) {
        return rcode >= 0 && rcode < RCODES.length ? RCODES[rcode] : "RCODE" + rcode;
    }

    /** {@code A}, {@code AAAA}, {@code PTR}, or {@code TYPE99} for one the chain does not ask. */
    static String typeName(int type) {
        return switch (type) {
            case DnsResponse.TYPE_A -> "A";
            case DnsResponse.TYPE_AAAA -> "AAAA";
            case DnsResponse.TYPE_PTR -> "PTR";
            case DnsResponse.TYPE_NS -> "NS";
            case DnsResponse.TYPE_CNAME -> "CNAME";
            case DnsResponse.TYPE_SOA -> "SOA";
            default -> "TYPE" + type;
        };
    }

    /** A query for {@code name}, {@code type}, class IN, recursion desired, with an EDNS OPT record offering {@link #EDNS_PAYLOAD} bytes. */
    static byte[] query(DnsName name, int type, int id) {
        byte[] wire = name.wire();
        ByteBuffer query = ByteBuffer.allocate(12 + wire.length + 4 + 11);
        query.putShort((short) id).putShort((short) FLAG_RD).putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 1);
        query.put(wire).putShort((short) type).putShort((short) DnsResponse.CLASS_IN);
        query.put((byte) 0).putShort((short) DnsResponse.TYPE_OPT).putShort((short) EDNS_PAYLOAD).putInt(0).putShort((short) 0);
        return query.array();
    }

    /** The response in {@code datagram}, or null if it is none (see {@link DnsResponse#parse}). */
    static DnsResponse parse(ByteBuffer datagram) {
        return DnsResponse.parse(datagram);
    }

    /** The final answer in a NOERROR or NXDOMAIN response, following the CNAME chain from {@code name}. */
    static DnsAnswer answerOf(DnsResponse response, DnsName name, int type, Endpoint server, long micros) {
        if (response.rcode == NXDOMAIN) {
            return negative(DnsAnswer.Status.NXDOMAIN, response, server, micros);
        }
        List<DnsResponse.Rr> records = response.answers;
        List<InetAddress> addresses = new ArrayList<>(records.size());
        String hostName = null;
        long ttl = Long.MAX_VALUE;
        DnsName owner = name;
        for (int hop = 0; hop <= MAX_CNAME_CHAIN && owner != null; hop++) {
            DnsName next = null;
            long cnameTtl = Long.MAX_VALUE;
            boolean found = false;
            for (DnsResponse.Rr record : records) {
                if (record.dclass() != DnsResponse.CLASS_IN || !record.name().equals(owner)) {
                    continue; // only what was asked: a record of another class (CHAOS, say) is no address
                }
                if (record.type() == type) {
                    found = true;
                    ttl = Math.min(ttl, seconds(record.ttl()));
                    if (record.target() != null) {
                        hostName = hostName == null ? record.target().toString() : hostName;
                    } else if (record.address() != null) {
                        addresses.add(address(record.address()));
                    }
                } else if (record.type() == DnsResponse.TYPE_CNAME) {
                    next = record.target();
                    cnameTtl = seconds(record.ttl());
                }
            }
            if (found) {
                return new DnsAnswer(DnsAnswer.Status.DATA, addresses, hostName, ttl, server, micros, false, null);
            }
            ttl = Math.min(ttl, cnameTtl);
            owner = next;
        }
        return negative(DnsAnswer.Status.NODATA, response, server, micros);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an A or AAAA record holds 4 or 16 bytes", e);
        }
    }

    /** RFC 2181 section 8: a TTL with the most significant bit set is read as 0. */
    private static long seconds(long ttl) {
        return ttl > Integer.MAX_VALUE ? 0 : ttl;
    }

    /** RFC 2308: a negative answer holds for the smaller of the SOA's TTL and its MINIMUM field. */
    private static DnsAnswer negative(DnsAnswer.Status status, DnsResponse response, Endpoint server, long micros) {
        long ttl = DnsAnswer.NO_SOA;
        for (DnsResponse.Rr record : response.authority) {
            if (record.type() == DnsResponse.TYPE_SOA && record.dclass() == DnsResponse.CLASS_IN) {
                ttl = Math.min(seconds(record.ttl()), seconds(record.soaMinimum()));
                break;
            }
        }
        return new DnsAnswer(status, List.of(), null, ttl, server, micros, false, null);
    }
}
