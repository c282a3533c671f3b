package dev.resolvechain.observe;

import dev.resolvechain.Resolution;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One lookup through the chain, for {@code jcmd PID JFR.start}: costs a check of a flag when no recording wants it. */
@Name("dev.resolvechain.Lookup")
@Label("resolvechain lookup")
@Category("resolvechain")
@Description("A name (or address) resolved through the chain: the resolver it came through, the tier that decided, the outcome")
@StackTrace(false)
final class LookupEvent extends Event {
    @Label("Name")
    String name;

    @Label("Resolver")
    @Description("InetAddress, netty or dnsjava")
    String resolver;

    @Label("Tier")
    @Description("The tier that answered or failed the lookup, or none")
    String tier;

    @Label("Outcome")
    @Description("answer or fail")
    String outcome;

    @Label("Reason")
    String reason;

    @Label("Lookup Time")
    @Timespan(Timespan.MICROSECONDS)
    long micros;

    static void commit(String resolver, Resolution resolution) {
        LookupEvent event = new LookupEvent();
        if (!event.shouldCommit()) {
            return;
        }
        boolean failed = !resolution.resolved();
        event.name = resolution.name();
        event.resolver = resolver;
        event.tier = failed && !resolution.steps().isEmpty() ? resolution.steps().get(resolution.steps().size() - 1).tier()
                : resolution.answeredBy();
        event.outcome = failed ? "fail" : "answer";
        event.reason = failed ? resolution.failureReason() : null;
        event.micros = resolution.micros();
        event.commit();
    }
}
