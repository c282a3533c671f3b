package dev.resolvechain.testkit;

import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A {@link TestDnsServer} as a process of its own, e.g. inside a {@link Netns}: records and fault from the arguments,
 * fault changes and query counts through standard input ({@link ServerProcess} is the other end).
 *
 * <pre>
 * DnsServerProcess [--listen ADDRESS:PORT] [--ttl SECONDS] [--a NAME=IPV4[,IPV4...]] [--aaaa NAME=IPV6[,IPV6...]]
 *                  [--cname NAME=TARGET] [--ptr ADDRESS=NAME] [--soa ZONE] [--fault [NAME=]FAULT] ...
 * </pre>
 *
 * <ul>
 *   <li>{@code --listen}: default {@code 127.0.0.1:0} (an ephemeral port); {@code [::1]:53} for IPv6.
 *   <li>{@code --ttl}: of the records and SOA minimum given after it; default 60.
 *   <li>{@code --fault}: a {@link Fault#parse fault} for every query, or with {@code NAME=} for that name's.
 * </ul>
 *
 * <p>Once serving it prints {@code READY ADDRESS PORT}; then, one a line, standard input takes {@code fault
 * [NAME=]FAULT} (answered {@code FAULT [NAME=]FAULT}), {@code count} (answered {@code COUNT N}: the queries received
 * over UDP and TCP since the start, dropped ones included) and {@code stop}; at its end the process exits too.
 */
public final class DnsServerProcess {

    private static final String USAGE = """
            usage: DnsServerProcess [--listen ADDRESS:PORT] [--ttl SECONDS] [--a NAME=IPV4[,IPV4...]] [--aaaa NAME=IPV6[,IPV6...]]
                                    [--cname NAME=TARGET] [--ptr ADDRESS=NAME] [--soa ZONE] [--fault [NAME=]FAULT] ...""";
    private static final long DEFAULT_TTL = 60;

    private DnsServerProcess() {}

    /** A launch of this main on {@code jdk} with {@code arguments}, its class path complete; add e.g. {@code via(netns.via())}. */
    public static JvmLaunch launch(Jdk jdk, String... arguments) {
        return ServerProcess.launch(jdk, DnsServerProcess.class, arguments);
    }

    public static void main(String[] arguments) {
        TestDnsServer server;
        try {
            List<Map.Entry<String, String>> options = ProcessCommands.options(arguments);
            InetSocketAddress listen = Literals.socketAddress(ProcessCommands.last(options, "--listen", "127.0.0.1:0"));
            server = TestDnsServer.start(listen.getAddress(), listen.getPort()).recordQueries(false);
            configure(server, options);
        } catch (IllegalArgumentException e) {
            ProcessCommands.exitWithUsage(e.getMessage(), USAGE);
            return;
        }
        try (server) {
            new ProcessCommands()
                    .on("fault", spec -> "FAULT " + fault(server, spec))
                    .on("count", nothing -> "COUNT " + server.queryCount())
                    .serve(server.socketAddress());
        }
    }

    private static void configure(TestDnsServer server, List<Map.Entry<String, String>> options) {
        long ttl = DEFAULT_TTL;
        for (Map.Entry<String, String> option : options) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "--listen" -> { }
                case "--ttl" -> ttl = Long.parseLong(value);
                case "--a" -> server.a(nameOf(value), ttl, valueOf(value).split(","));
                case "--aaaa" -> server.aaaa(nameOf(value), ttl, valueOf(value).split(","));
                case "--cname" -> server.cname(nameOf(value), ttl, valueOf(value));
                case "--ptr" -> server.ptr(nameOf(value), ttl, valueOf(value));
                case "--soa" -> server.soa(value, ttl);
                case "--fault" -> fault(server, value);
                default -> throw new IllegalArgumentException("unknown option " + option.getKey());
            }
        }
    }

    /** Applies {@code [NAME=]FAULT} and returns it as the server took it. */
    private static String fault(TestDnsServer server, String spec) {
        if (!spec.contains("=")) {
            Fault fault = Fault.parse(spec);
            server.fault(fault);
            return fault.toString();
        }
        Fault fault = Fault.parse(valueOf(spec));
        server.fault(nameOf(spec), fault);
        return nameOf(spec) + "=" + fault;
    }

    private static String nameOf(String nameAndValue) {
        int equals = nameAndValue.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("'" + nameAndValue + "' is not NAME=VALUE");
        }
        return nameAndValue.substring(0, equals);
    }

    private static String valueOf(String nameAndValue) {
        return nameAndValue.substring(nameAndValue.indexOf('=') + 1);
    }
}
