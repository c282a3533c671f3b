package dev.resolvechain.samples;

import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.TestDnsServer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * The local discovery client of the scenarios, on 127.0.0.1 and a port of its own, serving the names
 * of one domain ({@code vip}) with TTL 0, as dnsmasq gives its own names by default: a real dnsmasq
 * when it is installed, else the testkit's {@link TestDnsServer} standing in for it. A name of the
 * domain it does not serve gets NXDOMAIN. It can be started, killed (its port closed: queries get
 * ICMP port unreachable at once), made to hang (it receives queries and never answers: each one
 * costs the asker its whole timeout) and made to answer again.
 */
abstract class LocalClient implements AutoCloseable {
    static final String DOMAIN = "vip";

    /** {@code auto} (dnsmasq if installed, else the stand-in), {@code dnsmasq} or {@code stand-in}. */
    static LocalClient create(String kind, Map<String, String> names) {
        return switch (kind) {
            case "auto" -> Dnsmasq.installed() ? WithDnsmasq.serving(names) : StandIn.serving(names, "dnsmasq is not installed");
            case "dnsmasq" -> WithDnsmasq.serving(names);
            case "stand-in" -> StandIn.serving(names, "--client=stand-in");
            default -> throw new IllegalArgumentException("--client must be auto, dnsmasq or stand-in, not " + kind);
        };
    }

    private final String endpoint;
    private final String description;

    private LocalClient(String endpoint, String description) {
        this.endpoint = endpoint;
        this.description = description;
    }

    /** {@code 127.0.0.1:PORT}. */
    final String endpoint() {
        return endpoint;
    }

    /** {@code dnsmasq on 127.0.0.1:40123}. */
    final String describe() {
        return description;
    }

    /** Starts it (again, on the same port) and returns once it answers. */
    abstract void start();

    /** Ends it: its port is closed. */
    abstract void kill();

    /** It goes on receiving queries but answers none. */
    abstract void hang();

    /** After {@link #hang()}: it answers again (the queries it got meanwhile, too late, and new ones). */
    abstract void resume();

    @Override
    public abstract void close();

    /** A real dnsmasq ({@code local=/vip/}, {@code host-record}s), run by the testkit's harness. */
    private static final class WithDnsmasq extends LocalClient {
        private final Dnsmasq dnsmasq;
        private boolean hung;

        private WithDnsmasq(Dnsmasq dnsmasq) {
            super(dnsmasq.endpoint(), "dnsmasq on " + dnsmasq.endpoint());
            this.dnsmasq = dnsmasq;
        }

        static WithDnsmasq serving(Map<String, String> names) {
            Dnsmasq.Builder builder = Dnsmasq.builder().local(DOMAIN);
            names.forEach(builder::hostRecord);
            Dnsmasq dnsmasq = builder.start();
            dnsmasq.stop(); // started to learn its port; the scenario starts it when it wants
            return new WithDnsmasq(dnsmasq);
        }

        @Override
        void start() {
            dnsmasq.start();
        }

        @Override
        void kill() {
            resume();
            dnsmasq.stop();
        }

        @Override
        void hang() {
            signal("STOP");
            hung = true;
        }

        @Override
        void resume() {
            if (hung) {
                signal("CONT");
                hung = false;
            }
        }

        @Override
        public void close() {
            resume();
            dnsmasq.close();
        }

        /** Sends SIGSTOP or SIGCONT to the dnsmasq this scenario started (the one listening on its port). */
        private void signal(String signal) {
            String port = "--port=" + dnsmasq.port();
            ProcessHandle process = ProcessHandle.current().children()
                    .filter(child -> child.info().arguments().map(arguments -> Arrays.asList(arguments).contains(port)).orElse(false))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the dnsmasq on " + endpoint() + " is not running"));
            try {
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
                if (kill.waitFor() != 0) {
                    throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot run kill", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The stand-in: a {@link TestDnsServer} serving the same names. */
    private static final class StandIn extends LocalClient {
        private final TestDnsServer server;

        private StandIn(TestDnsServer server, String why) {
            super(server.endpoint(), "a stand-in (testkit TestDnsServer; " + why + ") on " + server.endpoint());
            this.server = server;
        }

        static StandIn serving(Map<String, String> names, String why) {
            TestDnsServer server = TestDnsServer.start();
            names.forEach((name, address) -> server.a(name, 0, address));
            server.stop(); // started to learn its port; the scenario starts it when it wants
            return new StandIn(server, why);
        }

        @Override
        void start() {
            server.restart();
        }

        @Override
        void kill() {
            server.stop();
        }

        @Override
        void hang() {
            server.fault(Fault.drop());
        }

        @Override
        void resume() {
            server.fault(Fault.none());
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
