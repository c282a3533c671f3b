package dev.resolvechain.alias.etcd;

import dev.resolvechain.Quoted;
import java.io.IOException;

/**
 * etcd, or the way to it, failed a call: the message says which member and why, in etcd's own words
 * where it gave any. {@code code} is etcd's gRPC status code when it sent one (0 otherwise).
 */
public final class EtcdException extends IOException {
    private static final long serialVersionUID = 1L;
    static final int INVALID_ARGUMENT = 3;
    static final int NOT_FOUND = 5;
    static final int PERMISSION_DENIED = 7;
    /** gRPC's RESOURCE_EXHAUSTED, here also for an answer or a watch line past {@link HttpBody#MAX_BODY}. */
    static final int RESOURCE_EXHAUSTED = 8;
    static final int OUT_OF_RANGE = 11;
    static final int UNAVAILABLE = 14;
    static final int UNAUTHENTICATED = 16;
    private static final int MAX_EXCERPT = 200;

    private final int code;

    EtcdException(String message) {
        this(message, 0);
    }

    EtcdException(String message, int code) {
        super(message);
        this.code = code;
    }

    int code() {
        return code;
    }

    /** The token expired or the auth store moved on: authenticating again may cure it. */
    boolean needsNewToken() {
        String message = getMessage();
        return code == UNAUTHENTICATED || message.contains("invalid auth token") || message.contains("revision of auth store is old")
                || message.contains("user name is empty");
    }

    /** etcd no longer has the revision asked for. */
    boolean compacted() {
        return code == OUT_OF_RANGE || getMessage().contains("required revision has been compacted");
    }

    /** Text from etcd or the network, quoted for a message. */
    static String excerpt(String text) {
        return Quoted.of(text, MAX_EXCERPT);
    }
}
