package dev.resolvechain.agent.it.libs;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * {@code Slf4jChild NAME}: logs one line through the application's slf4j (so that it finds its
 * binding), looks {@code NAME} up (so the chain is built), prints {@code ready}, waits for a line on
 * standard input, then looks {@code NAME} up again.
 */
public final class Slf4jChild {
    private Slf4jChild() {
    }

    public static void main(String[] arguments) throws Exception {
        LoggerFactory.getLogger("app").info("the application's first line");
        InetAddress.getByName(arguments[0]);
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.out.println(arguments[0] + " -> " + InetAddress.getByName(arguments[0]).getHostAddress());
        System.out.flush();
    }
}
