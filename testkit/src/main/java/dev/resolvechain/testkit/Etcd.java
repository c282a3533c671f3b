package dev.resolvechain.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Real etcd (Debian's etcd-server 3.4, {@code /usr/bin/etcd}) on 127.0.0.1: one member or a cluster, on free ports,
 * each member's data directory and log in a temporary directory that {@link #close()} deletes. Spoken to through
 * etcd's gRPC-JSON gateway ({@code POST /v3/...}) by whichever member runs; see docs/design/etcd.md.
 *
 * <pre>{@code
 * try (Etcd etcd = Etcd.cluster(3).start()) {
 *     etcd.put("/rc/aliases/web-1", "10.0.0.1 web");
 *     etcd.member(etcd.leader()).kill();
 *     etcd.awaitLeader(Duration.ofSeconds(5));
 *     ... point the code under test at etcd.location("/rc/aliases") ...
 * }
 * }</pre>
 */
public final class Etcd implements AutoCloseable {

    private static final Duration LEADER_PAUSE = Duration.ofMillis(20);
    /** What a member that could not bind its port writes before it exits. */
    private static final String PORT_TAKEN = "address already in use";

    private final Path root;
    private final List<EtcdMember> members;
    private final List<String> memberIds = new ArrayList<>();
    private final EtcdHttp http;
    private final EtcdGateway gateway;

    private Etcd(List<EtcdMember> members, EtcdHttp http) {
        this.members = List.copyOf(members);
        this.root = members.get(0).dataDirectory().getParent();
        this.http = http;
        this.gateway = new EtcdGateway(members, http);
    }

    /** One member. */
    public static Builder single() {
        return new Builder(1);
    }

    /** {@code size} members, started together. */
    public static Builder cluster(int size) {
        return new Builder(size);
    }

    /** Skips the calling test when etcd is not installed, or fails it in CI: see {@link Requirements}. */
    public static void requireInstalled() {
        Requirements.requireCommand("etcd");
    }

    /** {@code 127.0.0.1:P1,127.0.0.1:P2,...}: the client endpoints of all members. */
    public String endpoints() {
        return members.stream().map(EtcdMember::endpoint).collect(Collectors.joining(","));
    }

    /** {@code etcd://127.0.0.1:P1,.../PREFIX}, as {@code aliases} names an etcd source (its TLS settings apart). */
    public String location(String prefix) {
        return "etcd://" + endpoints() + (prefix.startsWith("/") ? "" : "/") + prefix;
    }

    /** The member at {@code index}, from 0. */
    public EtcdMember member(int index) {
        return members.get(index);
    }

    public List<EtcdMember> members() {
        return members;
    }

    /** The index of the leader as the first running member that knows one says. */
    public int leader() {
        List<String> failures = new ArrayList<>();
        for (EtcdMember member : running()) {
            try {
                EtcdHttp.Response status = gateway.post(member, "/v3/maintenance/status", "{}");
                String leader = EtcdJson.field(status.body(), "leader");
                if (status.ok() && memberIds.contains(leader)) {
                    return memberIds.indexOf(leader);
                }
                failures.add(member.name() + ": " + status.status() + " " + status.body());
            } catch (IOException e) {
                failures.add(member.name() + ": " + e);
            }
        }
        throw new IllegalStateException("no running member of " + this + " knows a leader: " + failures);
    }

    /** Returns the index of the leader once a running member names a running one; throws after {@code timeout}. */
    public int awaitLeader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String last;
            try {
                int leader = leader();
                if (member(leader).isRunning()) {
                    return leader;
                }
                last = "the running members still name stopped " + member(leader);
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no leader within " + timeout.toMillis() + " ms: " + last);
            }
            EtcdMember.pause(LEADER_PAUSE);
        }
    }

    /** Kills every member, starts them all again on their data directories and returns once each is healthy. */
    public void restartAll() {
        members.forEach(EtcdMember::kill);
        members.forEach(EtcdMember::launch);
        members.forEach(EtcdMember::awaitHealthy);
    }

    /** Returns the revision of the put. */
    public long put(String key, String value) {
        return EtcdJson.number(call("/v3/kv/put", EtcdJson.object("key", EtcdJson.base64(key), "value", EtcdJson.base64(value))), "revision");
    }

    /** A put attached to the lease {@code leaseId}, whose end deletes the key; returns the revision of the put. */
    public long put(String key, String value, long leaseId) {
        String json = EtcdJson.object("key", EtcdJson.base64(key), "value", EtcdJson.base64(value), "lease", Long.toString(leaseId));
        return EtcdJson.number(call("/v3/kv/put", json), "revision");
    }

    /** Whether there was a key to delete. */
    public boolean delete(String key) {
        return EtcdJson.field(call("/v3/kv/deleterange", EtcdJson.object("key", EtcdJson.base64(key))), "deleted") != null;
    }

    /** The value of {@code key} now, or null when there is none. */
    public String get(String key) {
        return EtcdJson.rangeValue(call("/v3/kv/range", EtcdJson.object("key", EtcdJson.base64(key))));
    }

    /** The value of {@code key} at {@code revision}, or null; throws (mvcc: ... compacted) below the compacted revision. */
    public String get(String key, long revision) {
        return EtcdJson.rangeValue(call("/v3/kv/range", EtcdJson.object("key", EtcdJson.base64(key), "revision", Long.toString(revision))));
    }

    /** Returns the new lease's id; etcd raises a TTL below its minimum (1 s with this harness's election timeout). */
    public long grantLease(long ttlSeconds) {
        return EtcdJson.number(call("/v3/lease/grant", EtcdJson.object("TTL", Long.toString(ttlSeconds))), "ID");
    }

    /** Ends the lease, deleting its keys. */
    public void revokeLease(long leaseId) {
        call("/v3/lease/revoke", EtcdJson.object("ID", Long.toString(leaseId)));
    }

    /** Compacts the history up to {@code revision}, returning once the old revisions are gone (physical). */
    public void compact(long revision) {
        call("/v3/kv/compaction", "{\"revision\":\"" + revision + "\",\"physical\":true}");
    }

    /** The store's current revision, read through the leader (linearizable). */
    public long revision() {
        return EtcdJson.number(call("/v3/kv/range", "{\"key\":\"AA==\",\"count_only\":true}"), "revision");
    }

    /** The gRPC requests the running members have finished, of {@code method} or all: see {@link EtcdMember#handledRequests}. */
    public long handledRequests(String method) {
        return running().stream().mapToLong(member -> member.handledRequests(method)).sum();
    }

    /**
     * Any gateway call, e.g. {@code call("/v3/cluster/member/list", "{}")}, to the first running member that answers and
     * has a leader; returns the body of a 200 answer and throws with the body of any other.
     */
    public String call(String path, String json) {
        return gateway.call(path, json);
    }

    /** Kills every member and deletes their data directories and logs. */
    @Override
    public void close() {
        members.forEach(EtcdMember::kill);
        try {
            Trees.delete(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "etcd " + http.scheme() + "://" + endpoints();
    }

    private List<EtcdMember> running() {
        return members.stream().filter(EtcdMember::isRunning).toList();
    }

    private void boot(String user, String password) {
        members.forEach(EtcdMember::launch);
        members.forEach(EtcdMember::awaitHealthy);
        for (EtcdMember member : members) {
            try {
                memberIds.add(EtcdJson.field(gateway.post(member, "/v3/maintenance/status", "{}").body(), "member_id"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot ask " + member + " for its status", e);
            }
        }
        if (user != null) {
            gateway.enableAuth(user, password);
        }
    }

    /** What to start: how many members, TLS, auth, watch progress notifications. */
    public static final class Builder {

        private final int size;
        private TestPki pki;
        private String user;
        private String password;
        private Duration progressNotify;

        private Builder(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("an etcd cluster has at least one member, not " + size);
            }
            this.size = size;
        }

        /** Clients speak https with a client certificate of {@code pki}, which the members require; peers stay on http. */
        public Builder tls(TestPki pki) {
            this.pki = pki;
            return this;
        }

        /** Once started, adds {@code user} with the role root and enables auth; the harness then sends its token. */
        public Builder auth(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /** {@code --experimental-watch-progress-notify-interval}: how often watches asking for progress get it. */
        public Builder progressNotify(Duration interval) {
            this.progressNotify = interval;
            return this;
        }

        /** Starts every member and returns once each is healthy; throws with a member's log if one is not. */
        public Etcd start() {
            for (int attempt = 1; ; attempt++) {
                Etcd etcd = create();
                try {
                    etcd.boot(user, password);
                    return etcd;
                } catch (RuntimeException e) {
                    // the ports were free when chosen, but another process may have taken one since
                    boolean portTaken = etcd.members.stream().anyMatch(member -> member.log().contains(PORT_TAKEN));
                    etcd.close();
                    if (!portTaken || attempt == 2) {
                        throw e;
                    }
                }
            }
        }

        private Etcd create() {
            EtcdHttp http = new EtcdHttp(pki == null ? null : pki.clientContext());
            return new Etcd(EtcdMember.create(size, options(), http), http);
        }

        private List<String> options() {
            List<String> options = new ArrayList<>();
            if (progressNotify != null) {
                options.addAll(List.of("--experimental-watch-progress-notify-interval", Durations.format(progressNotify)));
            }
            if (pki != null) {
                options.addAll(List.of("--cert-file", pki.serverCert().toString(), "--key-file", pki.serverKey().toString(),
                        "--trusted-ca-file", pki.caCert().toString(), "--client-cert-auth"));
            }
            return options;
        }
    }
}
