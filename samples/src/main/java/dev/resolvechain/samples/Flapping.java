package dev.resolvechain.samples;

import dev.resolvechain.samples.AppProcess.Lookup;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Scenario 3: a service resolving names of both kinds while the local client flaps. Several threads
 * resolve the client's names, a name of its domain it does not have, and ordinary names (from the
 * host nameserver and the hosts file), while the client hangs, answers, is killed and restarted on a
 * fixed schedule. The agent runs with the defaults ({@code local.onDown=fallthrough},
 * {@code local.staleTtl=5m}). What is counted: no exception but UnknownHostException, the ordinary
 * names never fail, and how the client's names fared.
 */
final class Flapping extends Scenario {
    private static final String CART = "cart.vip";
    private static final String MISSING = "missing.vip";
    private static final String HOSTS_NAME = "db.example.org";
    private static final int THREADS = 4;
    private static final long PAUSE_MILLIS = 20;
    private static final long TIMEOUT_NANOS = 250_000_000L;
    private static final String UNKNOWN_HOST = "java.net.UnknownHostException";

    /** The client's states, one after the other, and how long each lasts (ms). */
    private static final List<Map.Entry<String, Long>> SCHEDULE = List.of(
            Map.entry("up", 1000L), Map.entry("hung", 1000L), Map.entry("up", 800L), Map.entry("killed", 600L),
            Map.entry("up", 400L), Map.entry("hung", 700L), Map.entry("up", 600L), Map.entry("killed", 1000L), Map.entry("up", 1000L));

    /** The kinds of names, as counted: the client's, a name of its domain it does not have, ordinary ones. */
    private enum Kind {
        SERVED("vip names", VIP + ", " + CART), UNKNOWN(MISSING, MISSING), OTHER("ordinary names", ORDINARY + ", " + HOSTS_NAME);

        final String label;
        final String names;

        Kind(String label, String names) {
            this.label = label;
            this.names = names;
        }

        static Kind of(String name) {
            return name.equals(MISSING) ? UNKNOWN : name.endsWith("." + LocalClient.DOMAIN) ? SERVED : OTHER;
        }
    }

    private volatile long phaseStart;

    Flapping(String clientKind) throws IOException {
        super(clientKind, orderedMap(VIP, VIP_ADDRESS, CART, "192.0.2.11"), "192.0.2.30 " + HOSTS_NAME);
    }

    @Override
    String title() {
        return "a service resolving names of both kinds while the local client flaps";
    }

    @Override
    void run() throws Exception {
        header(THREADS + " threads, each resolving " + String.join(", ", VIP, ORDINARY, CART, HOSTS_NAME, MISSING)
                + " in turn, " + PAUSE_MILLIS + " ms apart (a few ms more per thread); " + HOSTS_NAME + " is in the chain's hosts file (192.0.2.30)");
        timeline.say("  the agent's defaults: local.onDown=fallthrough, local.timeout=250ms, local.staleTtl=5m, local.warmup=30s");
        timeline.say("  the client: " + String.join(", ", SCHEDULE.stream().map(phase -> phase.getKey() + " " + phase.getValue() + " ms").toList())
                + " (hung: receives queries, answers none; killed: its port closed)");
        timeline.say("  a lookup of a name that another thread is resolving waits for that lookup (the JDK's own behaviour):"
                + " a thread can wait for two timeouts");
        timeline.say("  each state ends with a count of the lookups that ended in it: vip names (" + Kind.SERVED.names + "), " + MISSING
                + " (not the client's: it must fail) and ordinary names (" + Kind.OTHER.names + ")");
        timeline.say("");
        client.start();
        clientEvent("started: answers on " + client.endpoint());
        AppProcess app = AppProcess.start("application", timeline, agentArguments(), files, AppProcess.END_LIMIT,
                List.of("loop", Integer.toString(THREADS), Long.toString(PAUSE_MILLIS), VIP, ORDINARY, CART, HOSTS_NAME, MISSING), this::record);
        try (app) {
            awaitLookups(seen -> seen.stream().anyMatch(lookup -> fromClient(lookup, VIP))
                    && seen.stream().anyMatch(lookup -> fromClient(lookup, CART)));
            long flapping = System.nanoTime();
            phaseStart = flapping;
            String state = "up";
            for (Map.Entry<String, Long> phase : SCHEDULE) {
                if (!phase.getKey().equals(state)) {
                    change(state, phase.getKey());
                    state = phase.getKey();
                }
                Timeline.sleepUntil(phaseStart + phase.getValue() * 1_000_000);
                long end = System.nanoTime();
                timeline.event(end, "lookups", "while " + state + " " + Timeline.seconds(end - phaseStart) + ": "
                        + counts(lookup -> lookup.endNanos() >= phaseStart && lookup.endNanos() < end, false));
                phaseStart = end;
            }
            long flapped = System.nanoTime();
            app.end();
            timeline.say("");
            timeline.say("outcome: " + lookups.stream().filter(lookup -> lookup.endNanos() >= flapping).count() + " lookups by " + THREADS
                    + " threads in " + Timeline.seconds(flapped - flapping) + " of flapping");
            timeline.say(counts(lookup -> lookup.endNanos() >= flapping, true));
        }
    }

    private void change(String from, String to) {
        if (from.equals("hung")) {
            client.resume();
        }
        switch (to) {
            case "up" -> {
                if (from.equals("killed")) {
                    client.start();
                }
                clientEvent(from.equals("killed") ? "restarted: answers on " + client.endpoint() : "answers again");
            }
            case "hung" -> {
                client.hang();
                clientEvent("hangs: receives queries, answers none");
            }
            case "killed" -> {
                client.kill();
                clientEvent("killed: its port is closed");
            }
            default -> throw new IllegalArgumentException(to);
        }
    }

    /**
     * Per kind of name: lookups, answered, failed, slowest, how many waited for local.timeout. With
     * {@code full}, one line per kind, then the exceptions other than UnknownHostException and each
     * distinct failure; else one line.
     */
    private String counts(Predicate<Lookup> which, boolean full) {
        List<Lookup> selected = lookups.stream().filter(which).toList();
        StringBuilder text = new StringBuilder();
        for (Kind kind : Kind.values()) {
            List<Lookup> of = selected.stream().filter(lookup -> Kind.of(lookup.name()) == kind).toList();
            long answered = of.stream().filter(Lookup::ok).count();
            long slow = of.stream().filter(lookup -> lookup.nanos() >= TIMEOUT_NANOS * 4 / 5).count();
            String slowest = "slowest " + Timeline.millis(of.stream().mapToLong(Lookup::nanos).max().orElse(0))
                    + (slow == 0 ? "" : ", " + slow + (kind == Kind.SERVED ? " waited for local.timeout" : " took over 200 ms"));
            if (full) {
                text.append(String.format("  %-32s %d lookups, %d answered, %d failed, %s%n", kind.names + ":", of.size(), answered,
                        of.size() - answered, slowest));
            } else {
                text.append(text.length() == 0 ? "" : " | ").append(String.format("%s %d/%d answered (%s)", kind.label, answered, of.size(), slowest));
            }
        }
        if (!full) {
            return text.toString();
        }
        List<Lookup> failures = selected.stream().filter(lookup -> !lookup.ok()).toList();
        long others = failures.stream().filter(lookup -> !lookup.result().startsWith(UNKNOWN_HOST + ":")).count();
        text.append("  exceptions other than UnknownHostException: ").append(others == 0 ? "none" : others).append('\n');
        text.append("  the failures, by message (numbers aside):");
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> firsts = new LinkedHashMap<>();
        for (Lookup failure : failures) {
            String key = failure.name() + " " + failure.result().replaceAll("[0-9]+", "#");
            counts.merge(key, 1, Integer::sum);
            firsts.putIfAbsent(key, failure.name() + " -> " + failure.result());
        }
        counts.forEach((key, count) -> text.append(String.format("%n    %5d x %s", count, firsts.get(key))));
        return text.toString();
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
