package dev.resolvechain.alias.etcd;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.observe.Json;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The etcd cluster as one thing to call: each call goes to the member in use, and to the next when
 * that one cannot be reached or has no leader, each member at most once; a call with an expired
 * token authenticates again, once. The first member is picked at random, so that many JVMs spread
 * over the cluster. A member named by a host name is found through {@link MemberAddresses}, never
 * through {@code InetAddress} (whose resolver may be the chain this source feeds).
 */
public final class EtcdGateway implements Closeable {
    /** A unary call may take this long; a member that lost its leader answers in milliseconds (with {@code hasleader}). */
    static final int CALL_TIMEOUT_MILLIS = 2000;

    private final EtcdLocation location;
    private final EtcdAccess access;
    private final MemberAddresses addresses;
    private int current;
    private EtcdConnection unary;
    private String token;

    /** How a host name that names a member is turned into addresses. */
    public interface MemberAddresses {
        /** Refuses every host name: members must then be IP literals. */
        MemberAddresses LITERALS_ONLY = host -> {
            throw new IOException("member host name '" + host + "' cannot be resolved here: name the member by its IP address");
        };

        List<InetAddress> lookup(String host) throws IOException;
    }

    public EtcdGateway(EtcdLocation location, EtcdAccess access, MemberAddresses addresses) {
        this.location = location;
        this.access = access;
        this.addresses = addresses;
        this.current = ThreadLocalRandom.current().nextInt(location.members().size());
    }

    public EtcdLocation location() {
        return location;
    }

    /** {@code host:port} of the member calls go to now. */
    public synchronized String memberInUse() {
        return location.members().get(current).authority();
    }

    /** Calls {@code /v3/PATH} with {@code request} (fields as etcd's gateway names them) and returns its answer. */
    public synchronized Map<String, Object> call(String path, Map<String, Object> request) throws EtcdException {
        EtcdException last = null;
        for (int tried = 0; tried < location.members().size(); tried++) {
            try {
                return callWithToken(path, Json.write(request));
            } catch (EtcdException e) {
                if (e.code() != 0 && e.code() != EtcdException.UNAVAILABLE) {
                    throw e;
                }
                last = e;
            } catch (IOException e) {
                last = new EtcdException("member " + memberInUse() + ": " + describe(e));
            }
            nextMember();
        }
        throw new EtcdException("no member of " + location + " answered; last: " + last.getMessage(), last.code());
    }

    /**
     * One call to the member in use; once more after authenticating again when the token was refused,
     * and once more on a new connection when a kept one had been closed by the member (it restarted,
     * or dropped idle connections).
     */
    private Map<String, Object> callWithToken(String path, String body) throws IOException {
        boolean authenticatedAgain = false;
        boolean connectedAgain = false;
        while (true) {
            if (token == null && access.user() != null) {
                token = authenticate();
            }
            boolean kept = unary != null && unary.reusable();
            try {
                return connection().call("/v3/" + path, body, token, CALL_TIMEOUT_MILLIS);
            } catch (EtcdException e) {
                if (access.user() == null || !e.needsNewToken() || authenticatedAgain) {
                    throw e;
                }
                token = null;
                authenticatedAgain = true;
            } catch (IOException e) {
                closeUnary();
                if (!kept || connectedAgain) {
                    throw e;
                }
                connectedAgain = true;
            }
        }
    }

    private String authenticate() throws IOException {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("name", access.user());
        credentials.put("password", access.password());
        try {
            Object token = connection().call("/v3/auth/authenticate", Json.write(credentials), null, CALL_TIMEOUT_MILLIS).get("token");
            if (token == null) {
                throw new EtcdException("member " + memberInUse() + " gave no token to user " + access.user() + " (is auth enabled?)");
            }
            return token.toString();
        } catch (EtcdException e) {
            throw new EtcdException("user " + access.user() + " could not authenticate: " + e.getMessage(), e.code());
        }
    }

    /**
     * Opens a watch stream on the member in use (the next one when it cannot be reached): the
     * connection, its status already 200, to read with {@link EtcdConnection#nextLine}.
     */
    public synchronized EtcdConnection stream(String path, Map<String, Object> request) throws EtcdException {
        EtcdException last = null;
        for (int tried = 0; tried < location.members().size(); tried++) {
            EtcdConnection connection = null;
            try {
                if (token == null && access.user() != null) {
                    token = authenticate();
                }
                connection = open();
                connection.stream("/v3/" + path, Json.write(request), token, CALL_TIMEOUT_MILLIS);
                return connection;
            } catch (IOException e) {
                closeQuietly(connection);
                last = e instanceof EtcdException etcd ? etcd : new EtcdException("member " + memberInUse() + ": " + describe(e));
                if (last.needsNewToken()) {
                    token = null;
                }
            }
            nextMember();
        }
        throw new EtcdException("no member of " + location + " answered; last: " + last.getMessage(), last.code());
    }

    /** The token in use was refused where this gateway could not see it (a watch's creation): the next call authenticates again. */
    public synchronized void forgetToken() {
        token = null;
    }

    /** Calls go to the next member from now on (the one in use failed in a way calls do not see, e.g. a stream went quiet). */
    public synchronized void nextMember() {
        closeUnary();
        current = (current + 1) % location.members().size();
    }

    private EtcdConnection connection() throws IOException {
        if (unary == null || !unary.reusable()) {
            closeUnary();
            unary = open();
        }
        return unary;
    }

    private EtcdConnection open() throws IOException {
        EtcdLocation.Member member = location.members().get(current);
        InetAddress literal = IpLiteral.parse(member.host());
        List<InetAddress> candidates = literal != null ? List.of(literal) : addresses.lookup(member.host());
        IOException last = new IOException("member host name '" + member.host() + "' has no address");
        for (InetAddress address : candidates) {
            try {
                // named as written: the socket's getHostName() (JDK 17's JFR socket events ask it) is then no reverse lookup through the chain
                InetSocketAddress named = new InetSocketAddress(IpLiteral.withName(member.host(), address), member.port());
                return EtcdConnection.open(named, member.host(), access.tls(), CALL_TIMEOUT_MILLIS);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private void closeUnary() {
        closeQuietly(unary);
        unary = null;
    }

    static void closeQuietly(Closeable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (IOException e) {
            // nothing to do: it was being dropped
        }
    }

    /** An I/O failure as a message says it: the exception's own message is often only an address. */
    static String describe(IOException e) {
        String kind = e instanceof java.net.SocketTimeoutException ? "no answer within " + CALL_TIMEOUT_MILLIS + " ms"
                : e instanceof java.net.ConnectException ? "connection refused"
                : e instanceof java.io.EOFException ? "connection closed"
                : e instanceof javax.net.ssl.SSLHandshakeException ? "SSLHandshakeException: TLS refused; are aliases.etcd.ca, .cert and .key"
                        + " those of this cluster, and does the member's certificate name it as written?"
                : e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + " (" + e.getMessage() + ")";
    }

    @Override
    public synchronized void close() {
        closeUnary();
    }
}
