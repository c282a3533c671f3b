package dev.resolvechain;

/**
 * One link of the chain. It answers a query, lets it fall through to the next tier, or ends it
 * with a failure. A tier must return by {@link Query#deadline()}; it never throws for a name that
 * does not resolve (that is a verdict), and the chain turns any other exception into a failure.
 */
public interface Tier {

    /** The name shown in explanations and failures: {@code alias}, {@code local}, {@code hosts}, {@code dns}. */
    String name();

    Verdict resolve(Query query);

    /**
     * Whether this tier decides {@code query} from what it holds in memory, without waiting on the
     * network or a file: a caller that must not block (an event loop) may then ask it inline.
     */
    default boolean decidesAtOnce(Query query) {
        return false;
    }
}
