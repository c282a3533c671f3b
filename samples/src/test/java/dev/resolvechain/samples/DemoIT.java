package dev.resolvechain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's demo command, run as a user would, on the JDK running the tests. */
class DemoIT {
    @Test
    void theDemoResolvesAnAliasALocalClientNameAndAnOrdinaryNameAndExplainsEach() throws Exception {
        Path demo = Path.of("target", "resolvechain-demo.jar").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", demo.toString()).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the demo ends by itself");
        String text = new String(output, StandardCharsets.UTF_8);

        assertEquals(0, process.exitValue(), text);
        assertTrue(text.contains("orders-api         -> [127.0.0.1]"), text);
        assertTrue(text.contains("inventory.vip      -> [192.0.2.21, 192.0.2.22]"), text);
        assertTrue(text.contains("www.example.org    -> [192.0.2.80]"), text);
        assertTrue(text.contains("cart.shop          -> [192.0.2.31]"), text);
        assertTrue(text.contains("missing.vip        -> UnknownHostException: resolvechain: missing.vip: local: "), text);
        assertTrue(text.contains("192.0.2.31         -> cart (reverse lookup)"), text);
        assertTrue(text.matches("(?s).*GET http://orders-api:\\d+/ -> 200 \"hello from the service behind the alias\".*"), text);
        assertTrue(text.contains("answer: 127.0.0.1  (by alias"), text);
        assertTrue(text.contains("answer: 192.0.2.21, 192.0.2.22  (by local"), text);
        assertTrue(text.contains("answer: 192.0.2.80  (by dns"), text);
        assertTrue(text.contains("4. dns    answer"), text);
        assertTrue(!text.contains("WARNING") && !text.contains("SLF4J"), text);
    }
}
