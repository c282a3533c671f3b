package dev.resolvechain.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.Name;

/**
 * Which {@link Fault} a query gets: one of the next-{@code n} burst if any is left, else the one set for its
 * name, else the one set for all.
 */
final class FaultPlan {

    private record Burst(int remaining, Fault fault) {

        static final Burst SPENT = new Burst(0, Fault.none());

        Burst spend() {
            return remaining == 0 ? this : new Burst(remaining - 1, fault);
        }
    }

    private volatile Fault everyQuery = Fault.none();
    private final Map<Name, Fault> byName = new ConcurrentHashMap<>();
    private final AtomicReference<Burst> burst = new AtomicReference<>(Burst.SPENT);

    void forEveryQuery(Fault fault) {
        everyQuery = fault;
    }

    void forName(Name name, Fault fault) {
        byName.put(name, fault);
    }

    void forNext(int count, Fault fault) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        burst.set(new Burst(count, fault));
    }

    Fault next(Name name) {
        Burst before = burst.getAndUpdate(Burst::spend);
        if (before.remaining() > 0) {
            return before.fault();
        }
        return byName.getOrDefault(name, everyQuery);
    }
}
