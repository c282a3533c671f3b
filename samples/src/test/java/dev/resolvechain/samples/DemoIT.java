package dev.resolvechain.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import dev.resolvechain.testkit.jvm.JvmResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's demo command, run as a user would, on the JDK running the tests. */
class DemoIT {
    @Test
    void theDemoResolvesAnAliasALocalClientNameAndAnOrdinaryNameAndExplainsEach() {
        Path demo = Path.of("target", "resolvechain-demo.jar").toAbsolutePath();
        JvmResult result = JvmLaunch.on(Jdk.current()).jar(demo).timeout(Duration.ofSeconds(60)).run().succeeded();
        String text = result.stdout() + result.stderr();

        assertTrue(text.contains("orders-api         -> [127.0.0.1]"), result::describe);
        assertTrue(text.contains("inventory.vip      -> [192.0.2.21, 192.0.2.22]"), result::describe);
        assertTrue(text.contains("www.example.org    -> [192.0.2.80]"), result::describe);
        assertTrue(text.contains("cart.shop          -> [192.0.2.31]"), result::describe);
        assertTrue(text.contains("missing.vip        -> UnknownHostException: resolvechain: missing.vip: local: "), result::describe);
        assertTrue(text.contains("192.0.2.31         -> cart (reverse lookup)"), result::describe);
        assertTrue(text.matches("(?s).*GET http://orders-api:\\d+/ -> 200 \"hello from the service behind the alias\".*"), result::describe);
        assertTrue(text.contains("answer: 127.0.0.1  (by alias"), result::describe);
        assertTrue(text.contains("answer: 192.0.2.21, 192.0.2.22  (by local"), result::describe);
        assertTrue(text.contains("answer: 192.0.2.80  (by dns"), result::describe);
        assertTrue(text.contains("4. dns    answer"), result::describe);
        assertTrue(!text.contains("WARNING") && !text.contains("SLF4J"), result::describe);
    }
}
