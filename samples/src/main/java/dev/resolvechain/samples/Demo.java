package dev.resolvechain.samples;

import dev.resolvechain.testkit.TestDnsServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar samples/target/resolvechain-demo.jar}: the whole product on embedded defaults,
 * loopback only. It starts two small DNS servers (a stand-in for the local discovery client that
 * serves {@code *.vip}, and one for the host's nameserver), unpacks the sample alias files, runs
 * {@link DemoService} under the agent, then asks the agent's {@code explain} how each name resolved.
 */
public final class Demo {
    static final String[] NAMES = {"orders-api", "inventory.vip", "www.example.org", "cart.shop", "missing.vip"};
    private static final String[] RESOURCES = {"demo/aliases/orders-1.hosts", "demo/aliases/shop/cart-1.hosts", "demo/hosts"};

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = Launch.agentJar();
        Path work = Files.createTempDirectory("resolvechain-demo");
        try (TestDnsServer localClient = TestDnsServer.start(); TestDnsServer hostNameserver = TestDnsServer.start()) {
            localClient.soa("vip", 30).a("inventory.vip", 30, "192.0.2.21", "192.0.2.22");
            hostNameserver.soa("example.org", 60).a("www.example.org", 300, "192.0.2.80");
            unpack(work);
            Files.writeString(work.resolve("resolv.conf"), "# the demo's resolv.conf: no nameserver line; 'nameservers' names the stand-in\n");
            List<String> settings = List.of(
                    "aliases=" + work.resolve("demo/aliases"),
                    "aliases.scopes=shop",
                    "local=" + localClient.endpoint(),
                    "local.domains=vip",
                    "nameservers=" + hostNameserver.endpoint(),
                    "resolvConf=" + work.resolve("resolv.conf"),
                    "hostsFile=" + work.resolve("demo/hosts"));

            System.out.println("resolvechain demo (loopback only)");
            System.out.println("  alias source:            " + work.resolve("demo/aliases") + " (owners orders-1, and cart-1 in scope shop)");
            System.out.println("  local discovery client:  " + localClient.endpoint() + " (stand-in serving *.vip)");
            System.out.println("  host nameserver:         " + hostNameserver.endpoint() + " (stand-in serving example.org)");
            System.out.println();
            System.out.println("== the sample service, run with -javaagent:" + agent);
            List<String> service = new ArrayList<>(List.of(Launch.java(), "-javaagent:" + agent + "=" + String.join(";", settings),
                    "-cp", Launch.ownJar().toString(), DemoService.class.getName()));
            service.addAll(List.of(NAMES));
            int serviceStatus = run(service);
            System.out.println();
            System.out.println("== java -jar " + agent.getFileName() + " explain " + String.join(" ", NAMES));
            List<String> explain = new ArrayList<>(List.of(Launch.java(), "-jar", agent.toString(), "explain"));
            explain.addAll(List.of(NAMES));
            explain.addAll(settings);
            run(explain);
            System.exit(serviceStatus);
        } finally {
            Launch.deleteTree(work);
        }
    }

    private static void unpack(Path work) throws IOException {
        for (String resource : RESOURCES) {
            Path target = work.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = Demo.class.getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        return Launch.process(command).inheritIO().start().waitFor();
    }
}
