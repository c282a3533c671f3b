package dev.resolvechain.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * The local discovery client's ordering requirements, runnable: {@code java -cp resolvechain-demo.jar
 * dev.resolvechain.samples.Scenarios SCENARIO [--client=auto|dnsmasq|stand-in]}, or the scripts in
 * {@code samples/scenarios/}. Each scenario starts and stops the local client itself (dnsmasq when
 * installed, else a stand-in), runs the application ({@link ScenarioApp}) in child JVMs with and
 * without the agent, and prints a timeline with measured times. Loopback only; each ends by itself.
 */
public final class Scenarios {
    private static final String USAGE = "usage: Scenarios start-before-client|client-dies|flapping|all [--client=auto|dnsmasq|stand-in]";

    private Scenarios() {
    }

    public static void main(String[] args) throws Exception {
        String client = "auto";
        List<String> names = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--client=")) {
                client = arg.substring("--client=".length());
            } else {
                names.add(arg);
            }
        }
        if (names.size() != 1) {
            System.err.println(USAGE);
            System.exit(2);
        }
        List<String> run = names.get(0).equals("all") ? List.of("start-before-client", "client-dies", "flapping") : names;
        for (int i = 0; i < run.size(); i++) {
            if (i > 0) {
                System.out.println();
            }
            try (Scenario scenario = scenario(run.get(i), client)) {
                scenario.run();
            }
        }
    }

    private static Scenario scenario(String name, String client) throws Exception {
        return switch (name) {
            case "start-before-client" -> new StartBeforeClient(client);
            case "client-dies" -> new ClientDies(client);
            case "flapping" -> new Flapping(client);
            default -> {
                System.err.println("no scenario " + name + "; " + USAGE);
                System.exit(2);
                yield null;
            }
        };
    }
}
