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
}
