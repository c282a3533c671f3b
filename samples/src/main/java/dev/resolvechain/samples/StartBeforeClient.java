package dev.resolvechain.samples;

import dev.resolvechain.samples.AppProcess.Lookup;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Scenario 1: the application starts before the local client. It resolves an ordinary name and a
 * name of the client's domain once, at start-up, and exits with status 1 if one fails; the client
 * starts {@link #CLIENT_DELAY_NANOS} after the application. Without the agent the application fails
 * with UnknownHostException; with the agent and {@code local.awaitReady} its lookup of the client's
 * name waits, and succeeds as soon as the client answers.
 */
final class StartBeforeClient extends Scenario {
    private static final long CLIENT_DELAY_NANOS = 1_500_000_000L;
    private static final String AWAIT_READY = "10s";
    private static final Duration APP_LIMIT = Duration.ofSeconds(15);

    StartBeforeClient(String clientKind) throws IOException {
        super(clientKind, Map.of(VIP, VIP_ADDRESS));
    }

    @Override
    String title() {
        return "the application starts before the local client";
    }

    @Override
    void run() throws Exception {
        header("resolves " + ORDINARY + " and " + VIP + " once, at start-up; exits with status 1 if one fails");
        timeline.say("  the local client starts " + Timeline.seconds(CLIENT_DELAY_NANOS) + " after the application");

        timeline.say("");
        timeline.say("== 1. without the agent: the JDK's own resolver");
        timeline.say("   It reads only -Djdk.net.hosts.file=" + files.jdkHostsFile + ", which has no entries: this stands for");
        timeline.say("   resolv.conf's 'nameserver 127.0.0.1' while the local client is not up yet (nothing answers there).");
        timeline.say("   The machine's own /etc/hosts and nameservers are never asked.");
        Run without = runOnce(null);
        client.kill();

        timeline.say("");
        timeline.say("== 2. with the agent, local.awaitReady=" + AWAIT_READY);
        String arguments = agentArguments("local.awaitReady=" + AWAIT_READY);
        timeline.say("   -javaagent:" + JvmLaunch.agentJar().getFileName() + "=" + arguments);
        Run with = runOnce(arguments);

        timeline.say("");
        timeline.say("measured");
        Lookup vipWithout = without.lookup(VIP);
        timeline.say("  without the agent: " + VIP + (vipWithout.ok() ? " resolved?!" : " failed") + " in " + Timeline.millis(vipWithout.nanos())
                + ", " + Timeline.seconds(vipWithout.endNanos() - without.appStart) + " after the application started: "
                + firstWord(vipWithout.result()) + "; application exit status " + without.status
                + "; the client was started " + Timeline.seconds(without.clientStarted - vipWithout.endNanos()) + " later");
        Lookup vipWith = with.lookup(VIP);
        Lookup ordinaryWith = with.lookup(ORDINARY);
        timeline.say("  with the agent: " + VIP + (vipWith.ok() ? " resolved (" + vipWith.result() + ")" : " failed: " + vipWith.result())
                + "; asked " + Timeline.seconds(vipWith.startNanos() - with.appStart) + " after the application started, it waited "
                + Timeline.seconds(vipWith.nanos()) + " and was answered " + Timeline.seconds(vipWith.endNanos() - with.clientStarted)
                + " after the client was started (it answered " + Timeline.seconds(with.clientAnswering - with.clientStarted)
                + " after its start); application exit status " + with.status);
        timeline.say("  with the agent: " + ORDINARY + " did not wait for the client: " + Timeline.millis(ordinaryWith.nanos())
                + (ordinaryWith.ok() ? " (the application's first lookup, which loads the resolver's classes)" : " (failed: " + ordinaryWith.result() + ")"));
    }

    /** One run: the application started, the client started after the delay, the application's exit. */
    private Run runOnce(String agentArguments) throws IOException, InterruptedException {
        timeline.restart();
        List<Lookup> lookups = new CopyOnWriteArrayList<>();
        AppProcess app = AppProcess.start("application", timeline, agentArguments, files, APP_LIMIT, List.of("once", ORDINARY, VIP), lookup -> {
            lookups.add(lookup);
            timeline.event(lookup.endNanos(), "application", lookup.describe());
        });
        try (app) {
            Timeline.sleepUntil(app.startNanos() + CLIENT_DELAY_NANOS);
            long started = System.nanoTime();
            client.start();
            long answering = System.nanoTime();
            timeline.event(started, "local client", "started");
            timeline.event(answering, "local client", "answers on " + client.endpoint());
            int status = app.end();
            return new Run(lookups, app.startNanos(), started, answering, status);
        }
    }

    private static String firstWord(String result) {
        int colon = result.indexOf(':');
        return colon < 0 ? result : result.substring(0, colon);
    }

    private record Run(List<Lookup> lookups, long appStart, long clientStarted, long clientAnswering, int status) {
        Lookup lookup(String name) {
            return lookups.stream().filter(lookup -> lookup.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the application did not look up " + name + " (exit status " + status + ")"));
        }
    }
}
