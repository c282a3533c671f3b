package dev.resolvechain.agent;

import dev.resolvechain.jdk.JdkResolver;
import dev.resolvechain.jdk.ResolverBean;

/**
 * Registers the chain's JMX bean a little after the agent installs, on a daemon thread of its own
 * ({@code resolvechain-jmx}): the platform MBean server costs some 30 ms of class loading, which a
 * JVM that ends sooner (a command-line tool) never pays, and which never lengthens the start of one
 * that does not. Not a lambda: made while the agent installs, where each costs a bootstrap.
 */
final class BeanRegistration implements Runnable {
    /** How long after the install the bean appears. */
    static final long DELAY_MILLIS = 1000;

    private final JdkResolver resolver;

    private BeanRegistration(JdkResolver resolver) {
        this.resolver = resolver;
    }

    static void start(JdkResolver resolver) {
        Thread thread = new Thread(new BeanRegistration(resolver), "resolvechain-jmx");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            Thread.sleep(DELAY_MILLIS);
        } catch (InterruptedException e) {
            return;
        }
        ResolverBean.register(resolver);
    }
}
