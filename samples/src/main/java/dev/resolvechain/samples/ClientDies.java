package dev.resolvechain.samples;

import dev.resolvechain.samples.AppProcess.Lookup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scenario 2: the local client dies while the application runs. Two copies of the application run
 * side by side under the agent, one with {@code local.onDown=fallthrough} and one with {@code fail},
 * each resolving a name of the client's domain and an ordinary name every {@link #PAUSE_MILLIS}.
 * The client first hangs (receives queries, answers none: the worst case, each query costs
 * {@code local.timeout}) and answers again, then is killed (its port closed) and restarted. The
 * scenario measures how long lookups took while it was down, and how long until its names resolve
 * from it again.
 */
final class ClientDies extends Scenario {
    private static final String[] MODES = {"fallthrough", "fail"};
    /** The central DNS's copy of the client's name, which {@code fallthrough} finds. */
    private static final String CENTRAL_COPY = "192.0.2.99";
    private static final long PAUSE_MILLIS = 100;
    private static final long TIMEOUT_MILLIS = 250;
    private static final long SECOND = 1_000_000_000L;

    /** Per application and name, what its last lookup gave (a failure's numbers left out): a lookup is printed when that changes. */
    private final Map<String, String> lastOutcome = new ConcurrentHashMap<>();

    /** An outage of the client, from the event that began it to the one that ended it (System.nanoTime). */
    private record Outage(String what, long from, long to) {
    }

    ClientDies(String clientKind) throws IOException {
        super(clientKind, Map.of(VIP, VIP_ADDRESS));
        hostNameserver.a(VIP, 0, CENTRAL_COPY);
    }

    @Override
    String title() {
        return "the local client dies while the application runs";
    }

    @Override
    void run() throws Exception {
        header("resolves " + VIP + " then " + ORDINARY + ", again every " + PAUSE_MILLIS + " ms; two copies run side by side,"
                + " with local.onDown=fallthrough and with local.onDown=fail", VIP + " = " + CENTRAL_COPY + " (the central DNS's copy)");
        timeline.say("  local.timeout=" + TIMEOUT_MILLIS + "ms (the default), local.staleTtl=0 (no last good answers: what local.onDown does is seen;"
                + " scenario 'flapping' keeps the default 5m)");
        timeline.say("  a lookup is shown when its outcome differs from the one before it (that application, that name)");
        timeline.say("");
        client.start();
        clientEvent("started: answers on " + client.endpoint());
        List<AppProcess> apps = new ArrayList<>();
        try {
            for (String mode : MODES) {
                apps.add(AppProcess.start(mode, timeline, agentArguments("local.onDown=" + mode, "local.staleTtl=0", "log.level=info"),
                        files, AppProcess.END_LIMIT, List.of("loop", "1", Long.toString(PAUSE_MILLIS), VIP, ORDINARY), this::seen));
            }
            awaitLookups(seen -> seen.stream().filter(this::fromClient).map(Lookup::app).distinct().count() == MODES.length);
            long begin = System.nanoTime();
            Timeline.sleepUntil(begin + SECOND);
            client.hang();
            long hung = System.nanoTime();
            clientEvent("hangs: receives queries, answers none");
            Timeline.sleepUntil(hung + 2 * SECOND);
            long resumed = System.nanoTime(); // before the client answers: a lookup begun after this may be answered
            client.resume();
            clientEvent("answers again");
            Timeline.sleepUntil(resumed + 3 * SECOND / 2);
            client.kill();
            long killed = System.nanoTime();
            clientEvent("killed: its port is closed");
            Timeline.sleepUntil(killed + 3 * SECOND / 2);
            long restarting = System.nanoTime();
            client.start();
            clientEvent("restarted: answers on " + client.endpoint());
            Timeline.sleepUntil(System.nanoTime() + 3 * SECOND / 2);
            for (AppProcess app : apps) {
                app.end();
            }
            measured(List.of(new Outage("hung", hung, resumed), new Outage("killed", killed, restarting)));
        } finally {
            apps.forEach(AppProcess::close);
        }
    }

    private void seen(Lookup lookup) {
        record(lookup);
        String outcome = lookup.ok() ? lookup.result() : lookup.result().replaceAll("[0-9]+", "#");
        if (!outcome.equals(lastOutcome.put(lookup.app() + " " + lookup.name(), outcome))) {
            timeline.event(lookup.endNanos(), lookup.app(), lookup.describe());
        }
    }

    private boolean fromClient(Lookup lookup) {
        return fromClient(lookup, VIP);
    }

    private void measured(List<Outage> outages) {
        timeline.say("");
        timeline.say("measured (a lookup counts for the outage it began in)");
        for (Outage outage : outages) {
            timeline.say("  client " + outage.what + " from " + timeline.at(outage.from) + " to " + timeline.at(outage.to)
                    + " (" + Timeline.seconds(outage.to - outage.from) + ")");
            for (String mode : MODES) {
                List<Lookup> vip = during(outage, mode, VIP);
                List<Lookup> slow = vip.stream().filter(lookup -> lookup.nanos() >= TIMEOUT_MILLIS * 800_000).toList();
                List<Lookup> fast = vip.stream().filter(lookup -> !slow.contains(lookup)).toList();
                timeline.say(String.format("    %-12s %-16s %d lookups: %d waited for local.timeout%s, the other %d took at most %s; %s",
                        mode, VIP, vip.size(), slow.size(), slow.isEmpty() ? "" : " (" + times(slow) + ")", fast.size(), max(fast),
                        outcomes(vip)));
                List<Lookup> ordinary = during(outage, mode, ORDINARY);
                timeline.say(String.format("    %-12s %-16s %d lookups, %d answered, %d failed, slowest %s",
                        mode, ORDINARY, ordinary.size(), ordinary.stream().filter(Lookup::ok).count(),
                        ordinary.stream().filter(lookup -> !lookup.ok()).count(), max(ordinary)));
                timeline.say(String.format("    %-12s %-16s %s", mode, "back", back(outage, mode)));
            }
        }
    }

    private List<Lookup> during(Outage outage, String app, String name) {
        return lookups.stream().filter(lookup -> lookup.app().equals(app) && lookup.name().equals(name)
                && lookup.startNanos() >= outage.from && lookup.startNanos() < outage.to).toList();
    }

    /** When the client's name was answered by the client again, after the outage ended. */
    private String back(Outage outage, String app) {
        return lookups.stream().filter(lookup -> lookup.app().equals(app) && fromClient(lookup) && lookup.endNanos() > outage.to).findFirst()
                .map(lookup -> VIP + " answered by the client again " + Timeline.seconds(lookup.endNanos() - outage.to)
                        + " after it " + (outage.what.equals("hung") ? "answered again" : "was restarted"))
                .orElse(VIP + " NOT answered by the client again");
    }

    /** {@code 3 x 192.0.2.99, 12 x UnknownHostException}. */
    private static String outcomes(List<Lookup> lookups) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Lookup lookup : lookups) {
            counts.merge(lookup.outcome(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((outcome, count) -> parts.add(count + " x " + outcome));
        return String.join(", ", parts);
    }

    private static String times(List<Lookup> lookups) {
        return String.join(", ", lookups.stream().map(lookup -> Timeline.millis(lookup.nanos())).toList());
    }

    private static String max(List<Lookup> lookups) {
        return lookups.isEmpty() ? "-" : Timeline.millis(lookups.stream().mapToLong(Lookup::nanos).max().getAsLong());
    }
}
