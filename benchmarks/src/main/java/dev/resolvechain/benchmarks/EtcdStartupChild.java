package dev.resolvechain.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The small main of {@link EtcdRunner}'s start-up figures: looks {@code NAME} up once and prints the
 * address, or {@code unknown}; then, given {@code MILLIS}, waits that long before it ends. Run from a jar of its own (this class only), so that the JVM opens
 * nothing bigger than an application's main jar. Uses JDK classes only.
 */
public final class EtcdStartupChild {
    private EtcdStartupChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            System.out.println(InetAddress.getByName(args[0]).getHostAddress());
        } catch (UnknownHostException e) {
            System.out.println("unknown");
        }
        if (args.length > 1) {
            Thread.sleep(Long.parseLong(args[1])); // a JVM that lives on: what it does after its first lookup gets done
        }
    }
}
