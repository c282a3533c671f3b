package dev.resolvechain.benchmarks;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.TestDnsServer;
import java.util.concurrent.CountDownLatch;

/**
 * A hung DNS server for {@code local-down-netns.sh}: a {@link TestDnsServer} with {@link Fault#drop()}
 * (takes every query over UDP and TCP, answers none) on a loopback address and port, e.g.
 * {@code 127.0.0.1 53} inside a network namespace. Prints {@code listening ADDRESS:PORT} once bound,
 * then runs until it is killed; at exit it prints how many queries it took.
 */
public final class HungDnsServer {
    private HungDnsServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: HungDnsServer LOOPBACK-ADDRESS PORT");
            System.exit(2);
        }
        TestDnsServer server = TestDnsServer.start(IpLiteral.parse(args[0]), Integer.parseInt(args[1]))
                .fault(Fault.drop()).recordQueries(false);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.out.println("hung server " + server.endpoint() + " took " + server.queryCount() + " queries, answered none")));
        System.out.println("listening " + server.endpoint());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
