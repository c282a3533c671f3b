package dev.resolvechain.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TTL;

/** DNS messages on the wire: the queries the chain sends, and what it reads from a response. */
final class DnsMessages {
    static final int EDNS_PAYLOAD = 1232;
    private static final int MAX_CNAME_CHAIN = 16;

    /**
     * Initialised at the first query, not when a tier is built: the chain is built at JVM start,
     * and seeding a SecureRandom and loading dnsjava's record classes would be paid there.
     */
    private static final class Wire {
        static final SecureRandom RANDOM = new SecureRandom();
        static final OPTRecord EDNS = new OPTRecord(EDNS_PAYLOAD, 0, 0);
    }

    private DnsMessages() {
    }

    /** Random bits for the ids of one exchange's queries (see {@link #queryId}). */
    static int randomIds() {
        return Wire.RANDOM.nextInt();
    }

    /** NOERROR (with or without data) and NXDOMAIN end the search for an answer; other codes move on. */
    static boolean isFinal(int rcode) {
        return rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN;
    }

    static int queryId(int random, int index) {
        return ((random >>> (index % 2 * 16)) + index / 2) & 0xffff;
    }

    static int idOf(byte[] query) {
        return (query[0] & 0xff) << 8 | query[1] & 0xff;
    }

    static byte[] query(Name name, int type, int id) {
        Message query = new Message(id);
        query.getHeader().setFlag(Flags.RD);
        query.addRecord(Record.newRecord(name, type, DClass.IN), Section.QUESTION);
        query.addRecord(Wire.EDNS, Section.ADDITIONAL);
        return query.toWire();
    }

    /**
     * The response in {@code datagram}, or null if it is none: it does not parse (dnsjava throws
     * runtime exceptions too), or its opcode is not QUERY, which every response to a query has
     * (dnsjava reads an UPDATE's empty records as records without data).
     */
    static Message parse(ByteBuffer datagram) {
        try {
            Message message = new Message(datagram);
            return message.getHeader().getOpcode() == Opcode.QUERY ? message : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The final answer in a NOERROR or NXDOMAIN response, following the CNAME chain from {@code name}. */
    static DnsAnswer answerOf(Message response, Name name, int type, Endpoint server, long micros) {
        if (response.getRcode() == Rcode.NXDOMAIN) {
            return negative(DnsAnswer.Status.NXDOMAIN, response, server, micros);
        }
        List<Record> records = response.getSection(Section.ANSWER);
        List<InetAddress> addresses = new ArrayList<>(records.size());
        String hostName = null;
        long ttl = Long.MAX_VALUE;
        Name owner = name;
        for (int hop = 0; hop <= MAX_CNAME_CHAIN && owner != null; hop++) {
            Name next = null;
            long cnameTtl = Long.MAX_VALUE;
            boolean found = false;
            for (Record record : records) {
                if (record.getDClass() != DClass.IN || !record.getName().equals(owner)) {
                    continue; // only what was asked: a record of another class (CHAOS, say) is no address
                }
                if (record.getType() == type) {
                    found = true;
                    ttl = Math.min(ttl, seconds(record.getTTL()));
                    if (record instanceof PTRRecord ptr) {
                        hostName = hostName == null ? ptr.getTarget().toString(true) : hostName;
                    } else {
                        addresses.add(address(record));
                    }
                } else if (record instanceof CNAMERecord cname) {
                    next = cname.getTarget();
                    cnameTtl = seconds(record.getTTL());
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

    private static InetAddress address(Record record) {
        try {
            return InetAddress.getByAddress(record.rdataToWireCanonical());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an A or AAAA record holds 4 or 16 bytes", e);
        }
    }

    /** RFC 2181 section 8: a TTL with the most significant bit set is read as 0 (dnsjava reads all 32 bits). */
    private static long seconds(long ttl) {
        return ttl > TTL.MAX_VALUE ? 0 : ttl;
    }

    /** RFC 2308: a negative answer holds for the smaller of the SOA's TTL and its MINIMUM field. */
    private static DnsAnswer negative(DnsAnswer.Status status, Message response, Endpoint server, long micros) {
        long ttl = DnsAnswer.NO_SOA;
        for (Record record : response.getSection(Section.AUTHORITY)) {
            if (record instanceof SOARecord soa && record.getDClass() == DClass.IN) {
                ttl = Math.min(seconds(soa.getTTL()), seconds(soa.getMinimum()));
                break;
            }
        }
        return new DnsAnswer(status, List.of(), null, ttl, server, micros, false, null);
    }
}
