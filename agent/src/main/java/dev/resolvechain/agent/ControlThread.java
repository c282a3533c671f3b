package dev.resolvechain.agent;

import dev.resolvechain.Log;
import dev.resolvechain.config.Config;
import dev.resolvechain.jdk.ControlChannel;
import dev.resolvechain.jdk.JdkResolver;
import dev.resolvechain.jdk.JvmReport;
import dev.resolvechain.jdk.ResolverBean;
import dev.resolvechain.observe.ControlDirectory;
import java.util.List;
import java.util.function.Supplier;

/**
 * The agent's one thread of its own, {@code resolvechain-control} (a daemon): half a second after
 * the chain is built it makes the JVM known and answers {@code status}, {@code recent} and
 * {@code explain --pid} ({@link ControlChannel}); a second after, it registers the JMX bean. The
 * delays mean a JVM that ends sooner (a command-line tool, a hello world) never loads the channel's
 * classes or JMX, and none waits for them at start. Not a lambda: made while the agent installs,
 * where each costs a bootstrap. An attach that installs a new chain points both at it.
 */
final class ControlThread implements Runnable {
    static final long OPEN_DELAY_MILLIS = 500;
    static final long REGISTER_DELAY_MILLIS = 1000;

    /** Guarded by the class: what the channel answers from, made on the control thread. */
    private static ControlChannel channel;
    private static JvmReportSource report;
    private static boolean started;
    private static volatile JdkResolver latest;
    private static volatile boolean registered;

    private final String chain;

    /** What a report is made of, kept until the control thread makes it. */
    private record JvmReportSource(JdkResolver resolver, Config config, Supplier<List<String>> resolvers) {
        JvmReport report() {
            return new JvmReport(resolver, config, resolvers);
        }
    }

    private ControlThread(String chain) {
        this.chain = chain;
    }

    static synchronized void start(JdkResolver resolver, Config config, Supplier<List<String>> resolvers, String chain) {
        latest = resolver;
        report = new JvmReportSource(resolver, config, resolvers);
        if (channel != null) {
            channel.answerFrom(report.report());
            if (registered) {
                ResolverBean.register(resolver);
            }
            return;
        }
        if (!started) {
            started = true;
            Thread thread = new Thread(new ControlThread(chain), "resolvechain-control");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (RuntimeException | LinkageError e) {
            Log.debug("resolvechain-control ends: " + e); // the JVM exiting meanwhile, say: never a trace on its stderr
        }
    }

    private void serve() {
        long startedAt = System.nanoTime();
        sleepUntil(startedAt + OPEN_DELAY_MILLIS * 1_000_000);
        ControlChannel opened;
        synchronized (ControlThread.class) {
            opened = new ControlChannel(ControlDirectory.forThisUser(), report.report());
            channel = opened;
        }
        boolean open = opened.open(chain);
        long registerAt = startedAt + REGISTER_DELAY_MILLIS * 1_000_000;
        if (open) {
            opened.serve(registerAt);
        } else {
            sleepUntil(registerAt);
        }
        synchronized (ControlThread.class) {
            ResolverBean.register(latest);
            registered = true;
        }
        if (open) {
            opened.serve(Long.MAX_VALUE);
        }
    }

    private static void sleepUntil(long nanos) {
        try {
            Thread.sleep(Math.max(0, (nanos - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
