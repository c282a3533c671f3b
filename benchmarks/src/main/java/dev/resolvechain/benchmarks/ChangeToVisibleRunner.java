package dev.resolvechain.benchmarks;

import dev.resolvechain.alias.directory.Registrations;
import dev.resolvechain.testkit.Trees;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * How long an alias change takes to become visible to applications in other JVMs. For each JDK,
 * {@code --children} JVMs run {@link VisibilityChild} under the agent, all watching one alias
 * directory (the change's owner file among {@code --owners} others); this driver changes the
 * alias's address {@code --changes} times per mode, {@code --interval} ms apart, alternating the
 * modes: {@code in-place} (the owner file rewritten where it is, truncated and written, as a naive
 * writer does) and {@code rename} (a new file renamed over it, as {@code register} does, with
 * {@link Registrations} itself). The time of a change is taken when the write (or rename) has
 * returned; each child reports when a lookup first returned the new address, or a later change's
 * address if the next change came first (then the change is counted as superseded, with that
 * time: the child's answer was stale that long). Beside them, as the baseline, as many JVMs without
 * the agent read the owner file itself as the JDK's hosts file ({@code jdk.net.hosts.file}), the
 * JDK's cache off: they see a change at their next lookup, at the price of reading the file on every
 * lookup. Reported per JDK, resolver and mode: percentiles of change-to-visible over every (change,
 * child), changes a child never caught up with (missed), and answers that were none of the written values.
 */
public final class ChangeToVisibleRunner {
    private static final String USAGE = String.join("\n",
            "usage: java -cp benchmarks/target/benchmarks.jar dev.resolvechain.benchmarks.ChangeToVisibleRunner [options]",
            "  --children N      child JVMs per JDK under the agent, all watching the same directory, and as many reading the owner file",
            "                    as the JDK's hosts file, its cache off: the baseline (default 3)",
            "  --changes N       changes per mode (default 50)",
            "  --interval MS     time from one change to the next (default 300)",
            "  --modes LIST      in-place,rename (default both, alternating)",
            "  --owners N        other owner files in the directory (default 1000)",
            "  --jdk PATH        a JDK home or java executable for the children; repeat for several",
            "                    (default: $JDK17 or /usr/lib/jvm/java-17-openjdk-amd64 and $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64)",
            "  --agent JAR       the agent (default: agent/target/resolvechain-agent.jar of this checkout)",
            "  --agent-args A    more agent settings, e.g. 'aliases.poll=100ms' (';'-separated)",
            "  --raw FILE        also write every sample (jdk, resolver, mode, change, child, ms, seen|superseded) as tab-separated values",
            "  --quick           --changes 10",
            "  --rows FILE       also write the performance table's rows (benchmarks/perf-table.sh)");
    static final String NAME = "bench-web";
    static final String IN_PLACE = "in-place";
    static final String RENAME = "rename";
    static final String AGENT = "agent";
    /** The baseline: the JDK reading the owner file as its hosts file, its cache off. */
    static final String JDK_HOSTS = "jdk-hosts";
    private static final List<String> RESOLVERS = List.of(AGENT, JDK_HOSTS);
    /** The targets. */
    static final double TARGET_P99_MILLIS = 1000;
    static final double TARGET_P50_MILLIS = 100;
    /** How long a child may take to end once its standard input is closed. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    private ChangeToVisibleRunner() {
    }

    /** One change: the address written, how, and when the write had returned. */
    record Change(int index, String mode, String address, long atMillis) {
    }

    /** One line of a child: when it first got {@code answer}. */
    record Seen(long atMillis, String answer) {
    }

    public static void main(String[] args) throws Exception {
        int children = 3;
        int changes = 50;
        long interval = 300;
        int owners = 1000;
        List<String> modes = List.of(IN_PLACE, RENAME);
        List<Jdk> jdks = new ArrayList<>();
        Path agent = null;
        String agentArgs = "";
        Path raw = null;
        Path rowsFile = null;
        CommandLine line = new CommandLine(args, USAGE);
        while (line.next()) {
            switch (line.option()) {
                case "--children" -> children = line.intValue();
                case "--changes" -> changes = line.intValue();
                case "--interval" -> interval = line.longValue();
                case "--owners" -> owners = line.intValue();
                case "--modes" -> {
                    modes = List.of(line.value().split(","));
                    if (!List.of(IN_PLACE, RENAME).containsAll(modes)) {
                        throw line.fail("unknown mode in " + modes);
                    }
                }
                case "--jdk" -> jdks.add(line.jdk());
                case "--agent" -> agent = line.path();
                case "--agent-args" -> agentArgs = line.value();
                case "--raw" -> raw = line.path();
                case "--rows" -> rowsFile = line.path();
                case "--quick" -> changes = 10;
                default -> line.unknown();
            }
        }
        agent = CommandLine.agentJar(agent);
        jdks = jdks.isEmpty() ? Machine.defaultJdks() : jdks;
        System.out.printf(Locale.ROOT, "resolvechain change-to-visible benchmark, %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        System.out.printf(Locale.ROOT, "  %d child JVMs per JDK watching one directory (%d other owners); %d changes per mode (%s, alternating), %d ms apart%n",
                children, owners, changes, String.join(", ", modes), interval);
        System.out.printf(Locale.ROOT, "  agent %s%s; %s%n%n", agent, agentArgs.isEmpty() ? "" : " with " + agentArgs, Machine.describe());
        StringBuilder samples = new StringBuilder("jdk\tresolver\tmode\tchange\tchild\tmillis\thow\n");
        PerfRows rows = new PerfRows();
        for (Jdk jdk : jdks) {
            String version = jdk.runtimeVersion();
            Path directory = Files.createTempDirectory("resolvechain-visible-");
            try {
                Map<String, List<Double>> latencies = run(jdk, agent, agentArgs, new ChainFiles(directory), children, changes, interval,
                        owners, modes, samples);
                System.out.println(render("JDK " + version, latencies, changes * children));
                for (String mode : modes) {
                    String what = "an alias changed " + (mode.equals(IN_PLACE) ? "in place (truncated and written)" : "by a rename, as register does")
                            + ": visible in another JVM, p";
                    for (int p : new int[] {50, 99}) {
                        rows.ratio(mode + "-p" + p, version, what + p, Report.percentile(latencies.get(AGENT + " " + mode), p),
                                "the JDK reading the same file as its hosts file, cache off", Report.percentile(latencies.get(JDK_HOSTS + " " + mode), p),
                                "ms");
                    }
                }
            } finally {
                Trees.delete(directory);
            }
        }
        System.out.println("load average at the end: " + Machine.loadAverage());
        System.out.println("change-to-visible: from the write (or rename) having returned to the first lookup in the child that returned");
        System.out.println("the new address (or a later one); percentiles by nearest rank over every (change, child).");
        if (raw != null) {
            Files.writeString(raw, samples);
        }
        rows.write(rowsFile);
    }

    private static Map<String, List<Double>> run(Jdk jdk, Path agent, String agentArgs, ChainFiles files, int childCount, int changes,
                                                 long interval, int owners, List<String> modes, StringBuilder samples)
            throws IOException, InterruptedException {
        Path aliases = files.aliases;
        long old = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
        for (int i = 0; i < owners; i++) {
            Path file = Files.writeString(aliases.resolve("owner-" + i + ".hosts"),
                    "10.1." + (i >> 8 & 255) + "." + (i & 255) + " svc-" + i + " svc-" + i + ".internal\n");
            Files.setLastModifiedTime(file, FileTime.fromMillis(old));
        }
        Path web = aliases.resolve("web.hosts");
        Files.setLastModifiedTime(Files.writeString(web, text(address(0))), FileTime.fromMillis(old));
        files.hosts("# empty: only aliases are looked up").resolvConf("# no nameserver: nothing leaves this machine")
                .jdkHosts("# empty: the JDK's own resolver finds nothing here");
        String settings = files.agentArguments("log.level=warn") + (agentArgs.isEmpty() ? "" : ";" + agentArgs);
        long maxMillis = TimeUnit.SECONDS.toMillis(60) + 2L * changes * modes.size() * interval;

        List<Child> children = new ArrayList<>();
        List<Change> done = new ArrayList<>();
        try {
            for (int i = 0; i < childCount; i++) {
                children.add(new Child(AGENT, JvmLaunch.on(jdk).files(files).agent(agent, settings).timeout(STOP_LIMIT).onStderr(System.err::println)
                        .main(VisibilityChild.class, NAME, String.valueOf(maxMillis))));
            }
            // the JDK's caches off, the negative one too: java.security's networkaddress.cache.negative.ttl=10 wins over
            // sun.net.inetaddr.negative.ttl, and an in-place write read half-way would leave the name unknown for 10 s
            Path noCache = files.file("no-jdk-cache.security", "networkaddress.cache.ttl=0", "networkaddress.cache.negative.ttl=0");
            for (int i = 0; i < childCount; i++) {
                children.add(new Child(JDK_HOSTS, JvmLaunch.on(jdk).directory(files.dir).property("jdk.net.hosts.file", web.toString())
                        .property("java.security.properties", noCache.toString()).timeout(STOP_LIMIT).onStderr(System.err::println)
                        .main(VisibilityChild.class, NAME, String.valueOf(maxMillis))));
            }
            for (Child child : children) {
                child.await(address(0), 30_000);
            }
            Thread.sleep(500);
            Registrations registrations = new Registrations(aliases);
            long start = System.nanoTime();
            for (int c = 1; c <= changes * modes.size(); c++) {
                String mode = modes.get((c - 1) % modes.size());
                String address = address(c);
                if (mode.equals(IN_PLACE)) {
                    Files.writeString(web, text(address));
                } else {
                    registrations.register("web", null, List.of(address), List.of(NAME));
                }
                done.add(new Change(c, mode, address, System.currentTimeMillis()));
                long next = start + TimeUnit.MILLISECONDS.toNanos(c * interval);
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            }
            Thread.sleep(2000);
            for (Child child : children) {
                child.jvm.finish(); // its standard input closed, it ends
            }
        } finally {
            children.forEach(child -> child.jvm.close());
        }

        Map<String, List<Double>> latencies = new LinkedHashMap<>();
        Map<String, Integer> superseded = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        for (String resolver : RESOLVERS) {
            for (String mode : modes) {
                latencies.put(resolver + " " + mode, new ArrayList<>());
                superseded.put(resolver + " " + mode, 0);
            }
        }
        Map<String, Integer> indexOf = new LinkedHashMap<>();
        indexOf.put(address(0), 0);
        for (Change change : done) {
            indexOf.put(change.address(), change.index());
        }
        for (int i = 0; i < children.size(); i++) {
            Child child = children.get(i);
            for (Seen seen : child.seen) {
                if (!indexOf.containsKey(seen.answer())) {
                    unexpected.add("child " + (i + 1) + " (" + child.resolver + ") at " + seen.atMillis() + ": " + seen.answer());
                }
            }
            for (Change change : done) {
                // visible: the child answers this change's address, or a later change's (when the next
                // change came before the child saw this one: it is counted as superseded, with that time)
                Seen first = child.seen.stream().filter(seen -> indexOf.getOrDefault(seen.answer(), -1) >= change.index())
                        .findFirst().orElse(null);
                if (first == null) {
                    continue; // never: the table shows it as missed
                }
                String key = child.resolver + " " + change.mode();
                if (!first.answer().equals(change.address())) {
                    superseded.merge(key, 1, Integer::sum);
                }
                // a child can see the change before this thread has read the clock after the write: at once, 0
                double millis = Math.max(0, first.atMillis() - change.atMillis());
                latencies.get(key).add(millis);
                samples.append(jdk.feature()).append('\t').append(child.resolver).append('\t').append(change.mode()).append('\t').append(change.index())
                        .append('\t').append(i + 1).append('\t').append((long) millis).append('\t')
                        .append(first.answer().equals(change.address()) ? "seen" : "superseded").append('\n');
            }
        }
        for (Map.Entry<String, Integer> entry : superseded.entrySet()) {
            if (entry.getValue() > 0) {
                System.out.printf(Locale.ROOT, "  %s: %d times a child went straight to a later change's address (counted with that time)%n",
                        entry.getKey(), entry.getValue());
            }
        }
        if (!unexpected.isEmpty()) {
            System.out.println("  answers that were none of the written values: " + unexpected);
        }
        return latencies;
    }

    /** The table of one JDK: per resolver and mode, the samples seen, the changes missed, and the percentiles. */
    static String render(String title, Map<String, List<Double>> latencies, int expectedPerMode) {
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(String.format(Locale.ROOT, "  %-18s %7s %6s %7s %7s %7s %7s %7s %7s  %s%n",
                "resolver, mode", "samples", "missed", "min ms", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms", "targets p50 < 100, p99 < 1000"));
        for (Map.Entry<String, List<Double>> entry : latencies.entrySet()) {
            List<Double> values = entry.getValue();
            double p50 = Report.percentile(values, 50);
            double p99 = Report.percentile(values, 99);
            out.append(String.format(Locale.ROOT, "  %-18s %7d %6d %7s %7s %7s %7s %7s %7s  p50 %s, p99 %s%n", entry.getKey(), values.size(),
                    expectedPerMode - values.size(), Report.number(Report.percentile(values, 0)), Report.number(p50),
                    Report.number(Report.percentile(values, 90)), Report.number(p99), Report.number(Report.percentile(values, 100)),
                    Report.number(values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)),
                    p50 < TARGET_P50_MILLIS ? "met" : "NOT met", p99 < TARGET_P99_MILLIS ? "met" : "NOT met"));
        }
        return out.toString();
    }

    /** A distinct address per change: 192.0.2.1 for the start, then 198.18.X.Y. */
    static String address(int change) {
        return change == 0 ? "192.0.2.1" : "198.18." + (change / 250) + "." + (change % 250 + 1);
    }

    private static String text(String address) {
        return "# the owner's file, rewritten in place\n" + address + " " + NAME + "\n";
    }


    /** A child JVM and what it printed. */
    private static final class Child {
        final String resolver;
        final RunningJvm jvm;
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final StringBuffer other = new StringBuffer();

        Child(String resolver, JvmLaunch launch) {
            this.resolver = resolver;
            this.jvm = launch.onStdout(this::read).start();
        }

        private void read(String line) {
            int space = line.indexOf(' ');
            if (space > 0 && Character.isDigit(line.charAt(0))) {
                seen.add(new Seen(Long.parseLong(line.substring(0, space)), line.substring(space + 1)));
            } else {
                other.append(line).append('\n');
            }
        }

        void await(String answer, long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (seen.stream().noneMatch(s -> s.answer().equals(answer))) {
                if (System.nanoTime() > deadline || jvm.hasEnded()) {
                    throw new IllegalStateException("child " + jvm.pid() + " did not answer " + answer + "; it printed " + seen + " " + other);
                }
                Thread.sleep(10);
            }
        }
    }
}
