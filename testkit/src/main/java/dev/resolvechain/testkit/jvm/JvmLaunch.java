package dev.resolvechain.testkit.jvm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How to start one child JVM: on which JDK, with which agent, class path, options, system
 * properties, environment and working directory, running a main class, a jar or a script that
 * starts java; then {@link #start()} it or {@link #run()} it to its end.
 *
 * <p>Every child is hermetic. Its environment inherits nothing that configures a JVM, the agent
 * or glibc's resolver ({@link #removeInheritedConfiguration}), and the JDK's built-in resolver
 * reads only a hosts file of the launch ({@code -Djdk.net.hosts.file}: the {@link ChainFiles}'s, or
 * an empty one): a lookup that nothing else answers neither reads the machine's /etc/hosts nor
 * sends a query. {@link #withoutJdkHostsFile()} is the one way out, for a child that must let the
 * JDK load resolver providers.
 *
 * <pre>{@code
 * JvmResult result = JvmLaunch.on(Jdk.JDK_17).files(files).agent(files.agentArguments("log.level=warn"))
 *         .main(App.class, "lookup", "web").run().succeeded();
 * }</pre>
 */
public final class JvmLaunch {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final String HOSTS_FILE = "jdk.net.hosts.file";
    /** Java options and class paths, and glibc's resolver settings, which a child must never take from this machine. */
    private static final Set<String> NOT_INHERITED = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH",
            "LOCALDOMAIN", "RES_OPTIONS", "HOSTALIASES");
    /** The agent's own settings ({@code RESOLVECHAIN_KEY}). */
    private static final String AGENT_SETTINGS = "RESOLVECHAIN_";
    private static final Path AGENT_IN_CHECKOUT = Path.of("agent", "target", "resolvechain-agent.jar");

    private final Jdk jdk;
    private final List<String> launcher = new ArrayList<>();
    private final List<String> options = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path directory;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Consumer<String> onStdout = line -> { };
    private Consumer<String> onStderr = line -> { };
    /** What runs: exactly one of a main class, a jar and a script. */
    private Class<?> mainClass;
    private Path jar;
    private Path script;
    private List<String> arguments;

    private JvmLaunch(Jdk jdk) {
        this.jdk = jdk;
        properties.put(HOSTS_FILE, EmptyHostsFile.PATH.toString());
    }

    public static JvmLaunch on(Jdk jdk) {
        return new JvmLaunch(jdk);
    }

    /** Runs in {@code files}' directory, with its {@code jdkHostsFile} as the JDK's hosts file. */
    public JvmLaunch files(ChainFiles files) {
        directory = files.dir;
        return property(HOSTS_FILE, files.jdkHostsFile.toString());
    }

    /**
     * Lets the JDK (18+) use the resolver providers on the class path, which {@code jdk.net.hosts.file}
     * turns off. The JDK's built-in resolver then reads the machine's files and nameservers: the
     * caller must make sure no lookup can reach it.
     */
    public JvmLaunch withoutJdkHostsFile() {
        properties.remove(HOSTS_FILE);
        return this;
    }

    /** {@code -javaagent:}{@link #agentJar()}{@code =arguments}. */
    public JvmLaunch agent(String arguments) {
        return agent(agentJar(), arguments);
    }

    /** {@code -javaagent:jar=arguments}. */
    public JvmLaunch agent(Path jar, String arguments) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the agent jar " + jar + " is not built: run mvn package first");
        }
        return option("-javaagent:" + jar + "=" + arguments);
    }

    public JvmLaunch option(String... options) {
        this.options.addAll(List.of(options));
        return this;
    }

    /** {@code -Dname=value}; a later value for a name replaces the earlier one. */
    public JvmLaunch property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    /** Appends to the class path of a {@link #main} class, after its own jar or directory. */
    public JvmLaunch classPath(Path... entries) {
        classPath.addAll(List.of(entries));
        return this;
    }

    /** An environment variable of the child, set after the inherited configuration was removed. */
    public JvmLaunch env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The working directory (else this JVM's). */
    public JvmLaunch directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** How long each wait for the child may take (default 30 s). */
    public JvmLaunch timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Starts the child through {@code command}, e.g. {@code ip netns exec NAMESPACE}. */
    public JvmLaunch via(String... command) {
        launcher.addAll(List.of(command));
        return this;
    }

    /** Hands each line of standard output to {@code listener} as it comes, on the thread that reads it. */
    public JvmLaunch onStdout(Consumer<String> listener) {
        onStdout = listener;
        return this;
    }

    /** Hands each line of standard error to {@code listener} as it comes, on the thread that reads it. */
    public JvmLaunch onStderr(Consumer<String> listener) {
        onStderr = listener;
        return this;
    }

    /** Runs {@code main} with {@code arguments}; the jar or directory it comes from heads the class path. */
    public JvmLaunch main(Class<?> main, String... arguments) {
        return program(main, null, null, arguments);
    }

    /** Runs {@code java -jar JAR ARGUMENTS}. */
    public JvmLaunch jar(Path jar, String... arguments) {
        return program(null, jar, null, arguments);
    }

    /**
     * Runs {@code sh SCRIPT ARGUMENTS}, a script that starts the JDK's java as {@code $JAVA_HOME/bin/java},
     * as a user would. The options and properties reach that JVM through {@code JDK_JAVA_OPTIONS}
     * (which the java launcher reads and mentions on standard error); the script sets the class path.
     */
    public JvmLaunch script(Path script, String... arguments) {
        return program(null, null, script, arguments);
    }

    private JvmLaunch program(Class<?> mainClass, Path jar, Path script, String... arguments) {
        this.mainClass = mainClass;
        this.jar = jar;
        this.script = script;
        this.arguments = List.of(arguments);
        return this;
    }

    public RunningJvm start() {
        if (arguments == null) {
            throw new IllegalStateException("nothing to run: call main, jar or script first");
        }
        ProcessBuilder builder = new ProcessBuilder();
        Map<String, String> env = builder.environment();
        removeInheritedConfiguration(env);
        List<String> command = new ArrayList<>(launcher);
        if (script != null) {
            command.addAll(List.of("sh", script.toString()));
            env.put("JAVA_HOME", jdk.home().toString());
            env.put("JDK_JAVA_OPTIONS", String.join(" ", scriptJvmArguments()));
        } else {
            command.add(jdk.java().toString());
            command.addAll(jvmArguments());
            command.addAll(jar != null ? jarTail() : List.of("-cp", classPath(), mainClass.getName()));
        }
        command.addAll(arguments);
        env.putAll(environment);
        builder.command(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        String description = String.join(" ", command) + (script != null ? " with JDK_JAVA_OPTIONS=" + env.get("JDK_JAVA_OPTIONS") : "");
        try {
            return new RunningJvm(builder.start(), description, timeout, onStdout, onStderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + description, e);
        }
    }

    /** Starts the child and waits for it to end ({@link RunningJvm#finish()}). */
    public JvmResult run() {
        return start().finish();
    }

    /** Removes from {@code environment} what configures a JVM, the agent or glibc's resolver: for any child process of a test. */
    public static void removeInheritedConfiguration(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith(AGENT_SETTINGS) || NOT_INHERITED.contains(name));
    }

    /**
     * The agent jar to run children with: the system property {@code resolvechain.agentJar}, else
     * agent/target/resolvechain-agent.jar of the checkout this harness (or else the working
     * directory) is in; IllegalStateException when there is none.
     */
    public static Path agentJar() {
        String configured = System.getProperty("resolvechain.agentJar");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path start : List.of(codeSource(JvmLaunch.class), Path.of("").toAbsolutePath())) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(AGENT_IN_CHECKOUT))) {
                    return dir.resolve(AGENT_IN_CHECKOUT);
                }
            }
        }
        throw new IllegalStateException("no " + AGENT_IN_CHECKOUT + " above " + codeSource(JvmLaunch.class) + " or the working directory: "
                + "build it with 'mvn -q -DskipTests package', or name it with -Dresolvechain.agentJar=JAR");
    }

    /** The jar or class directory {@code type} was loaded from. */
    public static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> jvmArguments() {
        List<String> all = new ArrayList<>(options);
        properties.forEach((name, value) -> all.add("-D" + name + "=" + value));
        return all;
    }

    /** The JVM arguments as JDK_JAVA_OPTIONS, which splits at white space. */
    private List<String> scriptJvmArguments() {
        if (!classPath.isEmpty()) {
            throw new IllegalStateException("a script sets its own class path");
        }
        List<String> all = jvmArguments();
        for (String argument : all) {
            if (argument.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalStateException("JDK_JAVA_OPTIONS cannot carry '" + argument + "': it has white space");
            }
        }
        return all;
    }

    private List<String> jarTail() {
        if (!classPath.isEmpty()) {
            throw new IllegalStateException("java -jar takes its class path from the jar's manifest");
        }
        return List.of("-jar", jar.toString());
    }

    /** The main class's own jar or directory, then the entries added. */
    private String classPath() {
        List<String> entries = new ArrayList<>(List.of(codeSource(mainClass).toString()));
        classPath.forEach(entry -> entries.add(entry.toString()));
        return String.join(File.pathSeparator, entries);
    }

    /** The JDK's hosts file of a child that has no {@link ChainFiles}: empty, made once per JVM, deleted at its exit. */
    private static final class EmptyHostsFile {
        static final Path PATH = create();

        private static Path create() {
            try {
                Path file = Files.createTempFile("resolvechain-jdk-hosts-", "");
                file.toFile().deleteOnExit();
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
