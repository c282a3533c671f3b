package dev.resolvechain.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Etcd's gRPC-JSON gateway as the members of one {@link Etcd} serve it, with the auth token once auth is on. */
final class EtcdGateway {

    private static final int UNAVAILABLE = 503;
    private static final int UNAUTHENTICATED = 401;

    private record Credentials(String user, String password) {}

    private final List<EtcdMember> members;
    private final EtcdHttp http;
    private volatile Credentials credentials;
    private volatile String token;

    EtcdGateway(List<EtcdMember> members, EtcdHttp http) {
        this.members = List.copyOf(members);
        this.http = http;
    }

    /**
     * POSTs {@code json} to the first running member that answers and has a leader; returns the body of a 200 answer and
     * throws with the body of any other.
     */
    String call(String path, String json) {
        List<String> failures = new ArrayList<>();
        for (EtcdMember member : members) {
            if (!member.isRunning()) {
                continue;
            }
            try {
                EtcdHttp.Response response = post(member, path, json);
                if (response.ok()) {
                    return response.body();
                }
                if (response.status() != UNAVAILABLE) {
                    throw new IllegalStateException(member + " answered POST " + path + " " + json + " with " + response.status() + ": " + response.body());
                }
                failures.add(member.name() + ": " + response.body());
            } catch (IOException e) {
                failures.add(member.name() + ": " + e);
            }
        }
        throw new IllegalStateException("no running member answered POST " + path + " " + json + ": " + failures);
    }

    /** One POST to {@code member}; with auth on, authenticates first, and again once when the token is refused. */
    EtcdHttp.Response post(EtcdMember member, String path, String json) throws IOException {
        Credentials auth = credentials;
        if (auth != null && token == null) {
            token = authenticate(member, auth);
        }
        EtcdHttp.Response response = http.post(member.clientPort(), path, json, token);
        // simple tokens live in the members' memory: a restarted member has forgotten them
        if (auth != null && (response.status() == UNAUTHENTICATED || response.body().contains("auth store is old"))) {
            token = authenticate(member, auth);
            response = http.post(member.clientPort(), path, json, token);
        }
        return response;
    }

    /** Adds {@code user} with the role root and enables auth: from then on every call carries a token. */
    void enableAuth(String user, String password) {
        call("/v3/auth/user/add", EtcdJson.object("name", user, "password", password));
        call("/v3/auth/role/add", EtcdJson.object("name", "root"));
        call("/v3/auth/user/grant", EtcdJson.object("user", user, "role", "root"));
        call("/v3/auth/enable", "{}");
        credentials = new Credentials(user, password);
    }

    private String authenticate(EtcdMember member, Credentials auth) throws IOException {
        EtcdHttp.Response response = http.post(member.clientPort(), "/v3/auth/authenticate",
                EtcdJson.object("name", auth.user(), "password", auth.password()), null);
        String granted = EtcdJson.field(response.body(), "token");
        if (!response.ok() || granted == null) {
            throw new IllegalStateException(member + " refused to authenticate " + auth.user() + ": " + response.status() + " " + response.body());
        }
        return granted;
    }
}
