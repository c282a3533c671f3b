package dev.resolvechain.agent;

import dev.resolvechain.cli.Cli;
import java.io.File;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;

/** {@code java -jar resolvechain-agent.jar COMMAND ...}: the core's commands, plus {@code attach}. */
public final class AgentCommands {
    private AgentCommands() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.println("usage: java -jar resolvechain-agent.jar COMMAND ...\n" + Cli.USAGE
                    + "\n  attach PID [key=value ...]  install the agent into a running JVM");
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (args[0].equals("attach")) {
            return attach(rest);
        }
        return new Cli(System.out, System.err).run(args[0], rest);
    }

    /** Byte Buddy earns its place here: it drives the JDK's attach mechanism portably. */
    private static int attach(List<String> arguments) {
        if (arguments.isEmpty() || !arguments.get(0).chars().allMatch(Character::isDigit)) {
            System.err.println("resolvechain: attach needs a PID");
            return 2;
        }
        String settings = String.join(";", arguments.subList(1, arguments.size()));
        try {
            File jar = new File(AgentCommands.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            ByteBuddyAgent.attach(jar, arguments.get(0), settings);
            System.out.println("resolvechain: attached to " + arguments.get(0) + "; its log says whether the chain was installed");
            return 0;
        } catch (URISyntaxException | RuntimeException e) {
            System.err.println("resolvechain: cannot attach to " + arguments.get(0) + ": " + e.getMessage());
            return 1;
        }
    }
}
