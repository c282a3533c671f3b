package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a running JVM under the agent shows of its lookups (issue 14): the MBean
 * {@code dev.resolvechain:type=Resolver} read through a real JMX connection (the JVM's local
 * management agent, started through the attach API as JConsole does), and the JFR events
 * {@code dev.resolvechain.Lookup} read back from a recording.
 */
class ObservabilityIT {
    private static final long BEAN_WAIT_MILLIS = 10_000;

    @TempDir
    Path dir;

    private ChainFiles files() {
        // no nameserver: a name that is no alias fails at once in the dns tier
        return new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a");
    }

    @OnBothJdks
    void theBeanCountsExplainsAndFlushesThroughJmx(Jdk jdk) throws Exception {
        TestJvm target = TestJvm.on(jdk, files()).withAgent("log.level=warn");
        try (RunningJvm child = target.start("all:svc-a", "one:gone.invalid", "await")) {
            child.awaitLine("await -> ");
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(child.pid()));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                ObjectName name = new ObjectName("dev.resolvechain:type=Resolver");
                long deadline = System.currentTimeMillis() + BEAN_WAIT_MILLIS;
                while (!server.isRegistered(name) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(server.isRegistered(name), "registered about a second after the install");
                assertEquals("alias > hosts > dns", server.getAttribute(name, "Chain"));
                Map<String, Object> counts = map((TabularData) server.getAttribute(name, "LookupCounts"));
                assertTrue((Long) counts.getOrDefault("alias answer", 0L) >= 1, counts::toString);
                assertTrue((Long) counts.getOrDefault("dns fail", 0L) >= 1, counts::toString);
                assertTrue(map((TabularData) server.getAttribute(name, "LatencyP99Micros")).containsKey("dns"));
                assertTrue((Integer) server.getAttribute(name, "RecentFailedOrSlow") >= 1);
                assertEquals(0L, server.getAttribute(name, "NestedLookups"));
                String explained = (String) server.invoke(name, "explain", new Object[] {"svc-a"}, new String[] {String.class.getName()});
                assertTrue(explained.startsWith("svc-a\n  answer: 10.9.8.7  (by alias"), explained);
                String[] problems = (String[]) server.getAttribute(name, "Problems");
                assertTrue(problems.length == 1 && problems[0].startsWith("dns: "), "no nameserver: " + List.of(problems));
                assertEquals(Map.of("dns", 0.0), map((TabularData) server.getAttribute(name, "CacheHitRatio")), "nothing asked of a cache");
                server.invoke(name, "flushCaches", new Object[0], new String[0]);
                assertEquals(Map.of("dns", 0), map((TabularData) server.getAttribute(name, "CacheEntries")));
            }
            child.send("go");
            new ScriptResult(child.finish()).succeeded();
        }
    }

    @OnBothJdks
    void lookupsAndReloadsAreJfrEvents(Jdk jdk) throws Exception {
        Path recording = dir.resolve("lookups.jfr");
        ChainFiles files = files();
        ScriptResult result;
        try (RunningJvm child = TestJvm.on(jdk, files).withAgent("log.level=warn")
                .option("-XX:StartFlightRecording=filename=" + recording + ",settings=default")
                .start("all:svc-a", "one:gone.invalid", "await", "until:svc-a=-> 10.9.8.8")) {
            TestJvm.atAwait(child, () -> files.alias("web.hosts", "10.9.8.8 svc-a"));
            result = new ScriptResult(child.finish());
        }
        result.succeeded();
        List<String> events = new ArrayList<>();
        List<String> reloads = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals("dev.resolvechain.Lookup")) {
                events.add(event.getString("name") + " " + event.getString("resolver") + " " + event.getString("tier") + " "
                        + event.getString("outcome"));
            } else if (event.getEventType().getName().equals("dev.resolvechain.Reload")) {
                reloads.add(event.getString("source") + " " + event.getBoolean("taken") + " " + event.getString("detail"));
            }
        }
        assertTrue(events.contains("svc-a InetAddress alias answer"), events::toString);
        assertTrue(events.contains("gone.invalid InetAddress dns fail"), events::toString);
        assertTrue(reloads.contains("alias source true 1 owners' registrations changed"), "web.hosts rewritten: " + reloads);
    }

    private static Map<String, Object> map(TabularData table) {
        Map<String, Object> map = new TreeMap<>();
        for (Object row : table.values()) {
            CompositeData entry = (CompositeData) row;
            map.put((String) entry.get("key"), entry.get("value"));
        }
        return map;
    }
}
