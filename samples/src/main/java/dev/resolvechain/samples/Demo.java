package dev.resolvechain.samples;

import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.testkit.Trees;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** The sample alias files, each under its name in the alias directory. */
    private static final String[] ALIASES = {"orders-1.hosts", "shop/cart-1.hosts"};

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = JvmLaunch.agentJar();
        ChainFiles files = new ChainFiles(Files.createTempDirectory("resolvechain-demo"));
        int serviceStatus;
        try (TestDnsServer localClient = TestDnsServer.start(); TestDnsServer hostNameserver = TestDnsServer.start()) {
            localClient.soa("vip", 30).a("inventory.vip", 30, "192.0.2.21", "192.0.2.22");
            hostNameserver.soa("example.org", 60).a("www.example.org", 300, "192.0.2.80");
            for (String alias : ALIASES) {
                files.alias(alias, resource("demo/aliases/" + alias));
            }
            files.hosts(resource("demo/hosts")).resolvConf("# the demo's resolv.conf: no nameserver line; 'nameservers' names the stand-in");
            List<String> settings = files.settings("aliases.scopes=shop", "local=" + localClient.endpoint(), "local.domains=vip",
                    "nameservers=" + hostNameserver.endpoint());

            System.out.println("resolvechain demo (loopback only)");
            System.out.println("  alias source:            " + files.aliases + " (owners orders-1, and cart-1 in scope shop)");
            System.out.println("  local discovery client:  " + localClient.endpoint() + " (stand-in serving *.vip)");
            System.out.println("  host nameserver:         " + hostNameserver.endpoint() + " (stand-in serving example.org)");
            System.out.println();
            System.out.println("== the sample service, run with -javaagent:" + agent);
            serviceStatus = child(files).agent(agent, String.join(";", settings)).main(DemoService.class, NAMES).run().exitCode();
            System.out.println();
            System.out.println("== java -jar " + agent.getFileName() + " explain " + String.join(" ", NAMES));
            List<String> explain = new ArrayList<>(List.of("explain"));
            explain.addAll(List.of(NAMES));
            explain.addAll(settings);
            child(files).jar(agent, explain.toArray(String[]::new)).run();
        } finally {
            Trees.delete(files.dir);
        }
        System.exit(serviceStatus); // after the finally: exit runs none

    }

    /** A child JVM on this JDK whose output is the demo's. */
    private static JvmLaunch child(ChainFiles files) {
        return JvmLaunch.on(Jdk.current()).files(files).onStdout(System.out::println).onStderr(System.err::println);
    }

    private static String[] resource(String name) throws IOException {
        try (InputStream in = Demo.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toArray(String[]::new);
        }
    }
}
