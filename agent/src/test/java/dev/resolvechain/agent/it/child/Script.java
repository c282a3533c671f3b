package dev.resolvechain.agent.it.child;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The program the integration tests run in a child JVM: each argument is one command, run in
 * order, and each prints one line, {@code COMMAND -> RESULT} or {@code COMMAND !! EXCEPTION: MESSAGE}
 * (parsed by {@code Result}). Nothing else is printed, but the {@code seen} lines of {@code watch}
 * ({@link Watch}). Only JDK classes are referenced directly, so
 * it runs on any class path; the agent's and the application's libraries are reached by reflection.
 */
public final class Script {
    private Script() {
    }

    public static void main(String[] commands) throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command : commands) {
            int colon = command.indexOf(':');
            String verb = colon < 0 ? command : command.substring(0, colon);
            String argument = colon < 0 ? "" : command.substring(colon + 1);
            if (verb.equals("await")) {
                // the test acts (attaches, rewrites a file), then sends a line to go on
                System.out.println(command + " -> waiting");
                System.out.flush();
                stdin.readLine();
                continue;
            }
            if (verb.equals("watch")) { // looks names up until told to stop, printing each change (see Watch)
                System.out.println(command + " -> " + Watch.run(argument, stdin));
                System.out.flush();
                continue;
            }
            String line;
            try {
                line = command + " -> " + run(verb, argument);
            } catch (Exception e) {
                line = command + " !! " + e.getClass().getName() + ": " + e.getMessage();
            }
            System.out.println(line);
            System.out.flush();
        }
    }

    private static String run(String verb, String argument) throws Exception {
        switch (verb) {
            case "all":
                return addresses(InetAddress.getAllByName(argument));
            case "one":
                return InetAddress.getByName(argument).getHostAddress();
            case "name": // reverse lookup of an address literal
                return InetAddress.getByName(argument).getHostName();
            case "canon":
                return InetAddress.getByName(argument).getCanonicalHostName();
            case "twice": // the JDK's cache hands out the same instances; the chain makes new ones each time
                return InetAddress.getByName(argument) == InetAddress.getByName(argument) ? "same" : "distinct";
            case "sleep":
                Thread.sleep(Long.parseLong(argument));
                return "slept";
            case "isolate-loader":
                Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[0], null));
                return "context class loader sees nothing";
            case "http":
                return httpGet(argument);
            case "nested":
                return nestedLookups();
            case "origin":
                return Path.of(Class.forName(argument, false, ClassLoader.getSystemClassLoader())
                        .getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            case "providers": // the service's implementations, as ServiceLoader finds them through the context loader
                return String.join(",", providers(argument));
            case "expect-provider":
                // the JDK uses the first resolver provider it finds; stop before any lookup could reach another
                List<String> found = providers(argument.substring(0, argument.indexOf('=')));
                String expected = argument.substring(argument.indexOf('=') + 1);
                if (found.isEmpty() || !found.get(0).equals(expected)) {
                    System.out.println("expect-provider:" + argument + " !! IllegalStateException: found " + found);
                    System.exit(3);
                }
                return found.get(0);
            case "slf4j":
                return Class.forName("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null)
                        .getClass().getName();
            case "threads":
                return nonDaemonThreads();
            case "racing": // the JVM's first lookups, from 16 threads at once: the distinct answers they got
                return racingLookups(argument);
            case "jdk-cache": // needs --add-opens java.base/java.net
                return jdkCacheEntry(argument);
            case "until":
                return until(argument);
            case "background": // a lookup on a daemon thread of its own, left running
                Thread lookup = new Thread(() -> {
                    try {
                        InetAddress.getAllByName(argument);
                    } catch (Exception e) {
                        // the lookup's outcome does not matter, only that it waits
                    }
                }, "background-lookup");
                lookup.setDaemon(true);
                lookup.start();
                return "started";
            case "netty": // Netty's DnsNameResolver on its defaults (resolv.conf); needs Netty on the class path
                return NettyLookup.resolve(argument);
            case "wall-clock":
                return String.valueOf(System.currentTimeMillis());
            default:
                throw new IllegalArgumentException("unknown command " + verb);
        }
    }

    private static List<String> providers(String service) throws ClassNotFoundException {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(Class.forName(service)).stream().forEach(provider -> names.add(provider.type().getName()));
        return names;
    }

    private static String addresses(InetAddress[] addresses) {
        List<String> texts = new ArrayList<>();
        for (InetAddress address : addresses) {
            texts.add(address.getHostAddress());
        }
        return String.join(",", texts);
    }

    /** GET {@code http://HOST:PORT/} from a server this JVM runs on 127.0.0.1: {@code STATUS BODY}. */
    private static String httpGet(String host) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("hello; Host=" + exchange.getRequestHeaders().getFirst("Host")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
            URI uri = URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } finally {
            server.stop(0);
        }
    }

    private static String racingLookups(String host) throws InterruptedException {
        java.util.Set<String> answers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    answers.add(InetAddress.getByName(host).getHostAddress());
                } catch (Exception e) {
                    answers.add(e.getClass().getSimpleName());
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return String.join(",", new java.util.TreeSet<>(answers));
    }

    /** The agent's count of lookups made from inside the chain, through its public entry point. */
    private static String nestedLookups() throws Exception {
        Class<?> agent;
        try {
            agent = Class.forName("dev.resolvechain.agent.boot.ResolveChainAgent");
        } catch (ClassNotFoundException e) {
            return "no agent";
        }
        Object resolver = agent.getMethod("installed").invoke(null);
        if (resolver == null) {
            return "not installed";
        }
        Method count = resolver.getClass().getMethod("nestedLookups");
        return String.valueOf(count.invoke(resolver));
    }

    /**
     * What {@code InetAddress}'s own cache holds for {@code host}: {@code none}, the {@code toString}
     * of a proxy (the agent's alias entry says what it is), else the class of the JDK's own value.
     */
    private static String jdkCacheEntry(String host) throws ReflectiveOperationException {
        Field field = InetAddress.class.getDeclaredField("cache");
        field.setAccessible(true);
        Object value = ((Map<?, ?>) field.get(null)).get(host);
        if (value == null) {
            return "none";
        }
        return Proxy.isProxyClass(value.getClass()) ? value.toString() : value.getClass().getName();
    }

    /**
     * Looks {@code NAME} up until its outcome, as {@code all:NAME} prints it, starts with
     * {@code PREFIX} ({@code until:NAME=PREFIX}), at most 5 s: a file change has then reached the
     * chain. Returns how many lookups that took.
     */
    private static String until(String argument) throws InterruptedException {
        String name = argument.substring(0, argument.indexOf('='));
        String prefix = argument.substring(argument.indexOf('=') + 1);
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (int lookups = 1; ; lookups++) {
            String outcome;
            try {
                outcome = "-> " + addresses(InetAddress.getAllByName(name));
            } catch (Exception e) {
                outcome = "!! " + e.getClass().getName() + ": " + e.getMessage();
            }
            if (outcome.startsWith(prefix)) {
                return lookups + " lookups";
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("still " + outcome + " after 5 s");
            }
            Thread.sleep(5);
        }
    }

    private static String nonDaemonThreads() {
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && !thread.isDaemon() && thread != Thread.currentThread()) {
                names.add(thread.getName());
            }
        }
        return names.isEmpty() ? "none" : String.join(",", names);
    }
}
