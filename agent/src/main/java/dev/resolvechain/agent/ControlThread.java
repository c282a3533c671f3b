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
 * The agent's one thread of its own, {@code resolvechain-control} (a daemon): a second after the
 * install it registers the JMX bean, then answers {@code status}, {@code recent} and
 * {@code explain --pid} ({@link ControlChannel}). The delay means a JVM that ends sooner (a command-line
 * tool) never loads JMX, and none waits for it at start. Not a lambda: made while the agent installs,
 * where each costs a bootstrap. An attach that installs a new chain points both at it.
 */
final class ControlThread implements Runnable {
    static final long DELAY_MILLIS = 1000;

    private static ControlChannel channel;
    private static volatile JdkResolver latest;
    private static volatile boolean registered;

    private final String chain;

    private ControlThread(String chain) {
        this.chain = chain;
    }

    static synchronized void start(JdkResolver resolver, Config config, Supplier<List<String>> resolvers, String chain) {
        latest = resolver;
        JvmReport report = new JvmReport(resolver, config, resolvers);
        if (channel != null) {
            channel.answerFrom(report);
            if (registered) {
                ResolverBean.register(resolver);
            }
            return;
        }
        channel = new ControlChannel(ControlDirectory.forThisUser(), report);
        Thread thread = new Thread(new ControlThread(chain), "resolvechain-control");
        thread.setDaemon(true);
        thread.start();
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
        boolean open = channel.open(chain);
        long registerAt = System.nanoTime() + DELAY_MILLIS * 1_000_000;
        if (open) {
            channel.serve(registerAt);
        } else {
            sleepUntil(registerAt);
        }
        synchronized (ControlThread.class) {
            ResolverBean.register(latest);
            registered = true;
        }
        if (open) {
            channel.serve(Long.MAX_VALUE);
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
