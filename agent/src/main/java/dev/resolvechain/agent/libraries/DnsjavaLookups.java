package dev.resolvechain.agent.libraries;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Resolution;
import dev.resolvechain.assembly.HostNameservers;
import dev.resolvechain.jdk.JdkResolver;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The application's dnsjava answered by the chain (the code {@link ClassWeaver} weaves into {@code SimpleResolver.sendAsync} calls
 * {@link #apply}): A, AAAA and PTR questions of class IN, on {@link LookupThreads}; other questions
 * go to the servers the chain's host tier asks now (so resolv.conf reloads, failover and
 * {@code lookupTimeout} apply to them too). A resolver whose server is not one of the host's
 * resolv.conf is the application's choice: it is asked the narrowed chain first (alias, local), and
 * what that passes on, and every other question, goes to its server. The
 * answers carry TTL 0, so that dnsjava's own cache never holds an alias past its change. The
 * application's {@code Message} is reached through its wire form only: its classes are not the agent's.
 */
final class DnsjavaLookups implements BiFunction<Object, Object, Object> {
    /** How its lookups are named in the chain's log (status, recent, JFR). */
    static final String RESOLVER = "dnsjava";
    private static final Set<Integer> ADDRESS_TYPES = Set.of(Type.A, Type.AAAA, Type.PTR);
    /** Answers after which the next server is asked, as glibc and dnsjava's ExtendedResolver do. */
    private static final Set<Integer> SERVER_ERRORS = Set.of(Rcode.SERVFAIL, Rcode.REFUSED);
    /** Set while this thread hands a query back to dnsjava: the woven method then runs as written. */
    private static final ThreadLocal<Boolean> HANDED_BACK = new ThreadLocal<>();

    private final JdkResolver chain;
    private final JdkResolver beforeOwnNameservers;
    private final HostNameservers hostNameservers;
    private final Executor threads;

    DnsjavaLookups(JdkResolver chain, HostNameservers hostNameservers, Executor threads) {
        this.chain = chain.as(RESOLVER);
        this.beforeOwnNameservers = this.chain.narrowedTo(NettyLookups.BEFORE_OWN_NAMESERVERS);
        this.hostNameservers = hostNameservers;
        this.threads = threads;
    }

    @Override
    public Object apply(Object resolver, Object query) {
        if (HANDED_BACK.get() != null) {
            return null;
        }
        Message asked;
        try {
            asked = new Message((byte[]) LibraryReflection.call(LibraryReflection.TO_WIRE, query));
        } catch (IOException | RuntimeException e) {
            return null; // nothing the chain could answer
        }
        Record question = asked.getQuestion();
        if (question == null) {
            return null;
        }
        Object server = LibraryReflection.call(LibraryReflection.GET_ADDRESS, resolver);
        boolean own = !hostNameservers.resolvConf().contains(server);
        if (question.getDClass() != DClass.IN || !ADDRESS_TYPES.contains(question.getType())) {
            // its own server, as the application chose; else the servers the host tier asks now
            return own ? null : CompletableFuture.supplyAsync(() -> forward(resolver, query), threads);
        }
        return CompletableFuture.supplyAsync(() -> answer(own ? beforeOwnNameservers : chain, own, resolver, query, asked), threads);
    }

    private Object answer(JdkResolver resolving, boolean own, Object resolver, Object query, Message asked) {
        Record question = asked.getQuestion();
        Resolution resolution = resolve(resolving, question);
        if (own && resolution != null && resolution.passedOn()) {
            return handBack(resolver, query);
        }
        Message response = new Message(asked.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        if (asked.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        if (resolution == null || !resolution.resolved()) {
            if (resolution == null || question.getType() == Type.PTR || !resolving.resolve(resolution.name(), AddressPolicy.IPV4_FIRST).resolved()) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            } // else NODATA: the name has addresses, none of the family asked
        } else if (question.getType() == Type.PTR) {
            try {
                response.addRecord(new PTRRecord(question.getName(), DClass.IN, 0, Name.fromString(resolution.hostName(), Name.root)),
                        Section.ANSWER);
            } catch (TextParseException e) {
                response.getHeader().setRcode(Rcode.SERVFAIL);
            }
        } else {
            for (InetAddress address : resolution.addresses()) {
                response.addRecord(address instanceof Inet4Address ? new ARecord(question.getName(), DClass.IN, 0, address)
                        : new AAAARecord(question.getName(), DClass.IN, 0, address), Section.ANSWER);
            }
        }
        return LibraryReflection.newMessage(query.getClass(), response.toWire());
    }

    /**
     * The question sent by dnsjava itself to the servers the host tier asks now, in its order, each
     * given an even share of what is left of {@code lookupTimeout}; the next is asked after a
     * timeout, a SERVFAIL or a REFUSED. dnsjava's own client does the exchange (and TCP after truncation).
     */
    private Object forward(Object resolver, Object query) {
        long deadline = System.nanoTime() + chain.chain().lookupTimeout().toNanos();
        List<InetSocketAddress> servers = hostNameservers.asked();
        Object refused = null;
        Throwable failure = null;
        for (int i = 0; i < servers.size(); i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Object server = LibraryReflection.newResolver(resolver.getClass(), servers.get(i), Duration.ofNanos(left / (servers.size() - i)));
            try {
                Object response = handBack(server, query);
                if (!SERVER_ERRORS.contains(rcode(response))) {
                    return response;
                }
                refused = response;
            } catch (CompletionException e) {
                failure = e.getCause();
            }
        }
        if (refused != null) {
            return refused;
        }
        throw new CompletionException(failure != null ? failure : new SocketTimeoutException("resolvechain: "
                + (servers.isEmpty() ? "no host nameserver configured" : "no host nameserver " + servers + " answered within lookupTimeout")));
    }

    private static int rcode(Object response) {
        try {
            return new Message((byte[]) LibraryReflection.call(LibraryReflection.TO_WIRE, response)).getRcode();
        } catch (IOException e) {
            return Rcode.SERVFAIL;
        }
    }

    /** The chain's answer to the question; null for a PTR name that stands for no address. */
    private static Resolution resolve(JdkResolver resolving, Record question) {
        String name = question.getName().toString();
        if (question.getType() == Type.PTR) {
            byte[] address = ReverseNames.address(name);
            return address == null ? null : resolving.resolveReverse(address);
        }
        return resolving.resolve(name, question.getType() == Type.A ? AddressPolicy.IPV4_ONLY : AddressPolicy.IPV6_ONLY);
    }

    /** dnsjava's own answer from its own server; waits on this (lookup) thread. */
    private static Object handBack(Object resolver, Object query) {
        HANDED_BACK.set(Boolean.TRUE);
        CompletionStage<?> answer;
        try {
            answer = (CompletionStage<?>) LibraryReflection.call(LibraryReflection.SEND_ASYNC, resolver, query);
        } finally {
            HANDED_BACK.remove();
        }
        return answer.toCompletableFuture().join();
    }
}
