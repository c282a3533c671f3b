package dev.resolvechain.testkit;

import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import dev.resolvechain.testkit.jvm.JvmResult;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.xbill.DNS.Message;

/**
 * A testkit server running as a child JVM ({@link DnsServerProcess}, {@link LossyRelay}), e.g. inside a {@link Netns}:
 * where it listens, and its commands.
 *
 * <pre>{@code
 * try (ServerProcess dns = ServerProcess.start(DnsServerProcess.launch(Jdk.current(),
 *         "--listen", netns.address().getHostAddress() + ":53", "--a", "web.test=192.0.2.10").via(netns.via()))) {
 *     dns.command("fault loss:0.3");
 *     ... query dns.socketAddress() ...
 *     int received = Integer.parseInt(dns.command("count").split(" ")[1]);
 * }
 * }</pre>
 */
public final class ServerProcess implements AutoCloseable {

    private final RunningJvm jvm;
    private final InetSocketAddress socketAddress;

    private ServerProcess(RunningJvm jvm, InetSocketAddress socketAddress) {
        this.jvm = jvm;
        this.socketAddress = socketAddress;
    }

    /** A launch of {@code main} with the class path the testkit's servers need: this module's classes, dnsjava and SLF4J's API. */
    static JvmLaunch launch(Jdk jdk, Class<?> main, String... arguments) {
        return JvmLaunch.on(jdk).classPath(JvmLaunch.codeSource(Message.class), JvmLaunch.codeSource(Logger.class)).main(main, arguments);
    }

    /** Starts the child and returns once it says READY; fails, with its output, if it does not within the launch's timeout. */
    public static ServerProcess start(JvmLaunch launch) throws InterruptedException {
        RunningJvm jvm = launch.start();
        try {
            String[] ready = jvm.awaitLine("READY ").split(" ");
            return new ServerProcess(jvm, new InetSocketAddress(Literals.address(ready[1]), Integer.parseInt(ready[2])));
        } catch (RuntimeException | InterruptedException | AssertionError e) {
            jvm.close();
            throw e;
        }
    }

    public InetSocketAddress socketAddress() {
        return socketAddress;
    }

    /** Sends one command line and returns the child's answer; IllegalArgumentException when it answers ERROR. */
    public String command(String line) throws InterruptedException {
        jvm.send(line);
        String answer = jvm.awaitLine("");
        if (answer.startsWith("ERROR")) {
            throw new IllegalArgumentException("'" + line + "': " + answer);
        }
        return answer;
    }

    public RunningJvm jvm() {
        return jvm;
    }

    /** Says {@code stop} and waits for the child to end. */
    public JvmResult stop() {
        jvm.send("stop");
        return jvm.finish();
    }

    /** Kills the child, if it still runs. */
    @Override
    public void close() {
        jvm.close();
    }
}
