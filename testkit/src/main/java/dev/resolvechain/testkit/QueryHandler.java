package dev.resolvechain.testkit;

import java.nio.ByteBuffer;

/** Answers one query, on the thread that received it. */
@FunctionalInterface
interface QueryHandler {

    void handle(ByteBuffer wire, ReplyChannel channel);
}
