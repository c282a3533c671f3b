package dev.resolvechain.testkit.jvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The harness's test child: prints what makes it hermetic, echoes each line of its standard input
 * ({@code hang} makes it wait forever, {@code err TEXT} writes TEXT to standard error), and exits with
 * the status given as its first argument when its input ends.
 */
public final class EchoChild {
    private EchoChild() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String hostsFile = System.getProperty("jdk.net.hosts.file");
        System.out.println("hosts-file " + hostsFile + " " + (hostsFile == null ? "-" : Files.size(Path.of(hostsFile)) + " bytes"));
        for (String name : new String[] {"JAVA_TOOL_OPTIONS", "RESOLVECHAIN_LOOKUPTIMEOUT", "LOCALDOMAIN"}) {
            System.out.println("env " + name + "=" + System.getenv(name));
        }
        System.out.println("property " + System.getProperty("echo.property"));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("hang")) {
                Thread.sleep(Long.MAX_VALUE);
            } else if (line.startsWith("err ")) {
                System.err.println(line.substring(4));
            } else {
                System.out.println("echo " + line);
            }
        }
        System.exit(Integer.parseInt(args[0]));
    }
}
