package dev.resolvechain.agent.libraries.fake.org.xbill.DNS;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** dnsjava's {@code SimpleResolver} in shape only (the weaver knows it by name): its answer says it ran as written. */
public class SimpleResolver {
    public CompletionStage<Object> sendAsync(Object query) {
        return CompletableFuture.completedFuture("as written: " + query);
    }
}
