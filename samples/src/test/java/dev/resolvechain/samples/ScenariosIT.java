package dev.resolvechain.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import dev.resolvechain.testkit.jvm.JvmResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scenario scripts of docs/local-client.md ({@code samples/scenarios/*.sh}), run as a user would, on the JDK
 * running the tests, with each kind of local client: the essential outcomes, read from their output.
 * The bounds on times are generous; the scenarios print what they measured.
 */
class ScenariosIT {
    private static final Path SCRIPTS = Path.of("scenarios").toAbsolutePath();
    private static final String NUMBER = "(-?[0-9.]+)";

    /** The script's output, standard output then standard error, once it ended by itself with status 0. */
    private static String run(String script, String client) {
        if (client.equals("dnsmasq")) {
            Dnsmasq.assumeInstalled();
        }
        long start = System.nanoTime();
        JvmResult result = JvmLaunch.on(Jdk.current()).script(SCRIPTS.resolve(script), "--client=" + client).timeout(Duration.ofSeconds(60)).run();
        String text = result.describe();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.println(script + " --client=" + client + " took " + seconds + " s");
        result.succeeded();
        assertTrue(seconds < 30, "a scenario takes well under 30 s, this one " + seconds + " s\n" + text);
        assertFalse(text.contains("WARNING") || text.contains("SLF4J") || text.contains("Exception in thread"), text);
        assertTrue(text.contains("  local client      " + (client.equals("dnsmasq") ? "dnsmasq on 127.0.0.1:" : "a stand-in")), text);
        return result.stdout() + result.stderr();
    }

    /** Every match of {@code regex} (whole lines), each as its groups. */
    private static List<String[]> lines(String text, String regex) {
        List<String[]> found = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?m)^" + regex + "$").matcher(text);
        while (matcher.find()) {
            String[] groups = new String[matcher.groupCount() + 1];
            for (int i = 0; i <= matcher.groupCount(); i++) {
                groups[i] = matcher.group(i);
            }
            found.add(groups);
        }
        return found;
    }

    private static String[] line(String text, String regex) {
        List<String[]> found = lines(text, regex);
        assertEquals(1, found.size(), "one line matching " + regex + "\n" + text);
        return found.get(0);
    }

    private static double number(String text) {
        return Double.parseDouble(text);
    }

    @ParameterizedTest(name = "--client={0}")
    @ValueSource(strings = {"dnsmasq", "stand-in"})
    void startBeforeClient(String client) {
        String text = run("start-before-client.sh", client);

        String without = text.substring(text.indexOf("== 1. without the agent"), text.indexOf("== 2. with the agent"));
        assertTrue(without.matches("(?s).*application   api\\.vip -> java\\.net\\.UnknownHostException: .*"), text);
        assertTrue(without.contains("application   exited with status 1"), text);
        assertTrue(without.indexOf("application   exited with status 1") < without.indexOf("local client  started"),
                "the application failed before the client started\n" + text);
        line(text, "  without the agent: api\\.vip failed in .* after the application started: java\\.net\\.UnknownHostException; application exit status 1; .*");

        String[] with = line(text, "  with the agent: api\\.vip resolved \\(192\\.0\\.2\\.10\\); asked " + NUMBER + " s after the application started, it waited "
                + NUMBER + " s and was answered " + NUMBER + " s after the client was started .*; application exit status 0");
        assertTrue(number(with[2]) > 0.5, "the lookup waited for the client, started 1.5 s after the application\n" + text);
        assertTrue(number(with[3]) >= 0 && number(with[3]) < 2, "answered soon after the client started\n" + text);
        String[] ordinary = line(text, "  with the agent: www\\.example\\.org did not wait for the client: " + NUMBER + " ms.*");
        assertTrue(number(ordinary[1]) < 1000, text);
    }

    @ParameterizedTest(name = "--client={0}")
    @ValueSource(strings = {"dnsmasq", "stand-in"})
    void clientDies(String client) {
        String text = run("client-dies.sh", client);

        List<String[]> vip = lines(text, "    (fallthrough|fail) +api\\.vip +(\\d+) lookups: (\\d+) waited for local\\.timeout.*, the other (\\d+) took at most "
                + NUMBER + " ms; (.*)");
        assertEquals(4, vip.size(), "each mode, each outage (hung, killed)\n" + text);
        for (String[] outage : vip) {
            assertTrue(Integer.parseInt(outage[3]) <= 2, "at most the two failures that mark the client down wait for local.timeout\n" + text);
            assertTrue(Integer.parseInt(outage[4]) >= 3, "lookups after the client was marked down\n" + text);
            assertTrue(number(outage[5]) < 100, "once the client is down, its names do not wait (local.timeout is 250 ms)\n" + text);
            String expected = outage[1].equals("fallthrough") ? "\\d+ x 192\\.0\\.2\\.99" : "\\d+ x UnknownHostException";
            assertTrue(outage[6].matches(expected), outage[1] + ": " + outage[6] + "\n" + text);
        }
        List<String[]> ordinary = lines(text, "    (fallthrough|fail) +www\\.example\\.org +(\\d+) lookups, (\\d+) answered, 0 failed, slowest .*");
        assertEquals(4, ordinary.size(), "ordinary names never fail\n" + text);
        ordinary.forEach(outage -> assertEquals(outage[2], outage[3], text));
        List<String[]> back = lines(text, "    (fallthrough|fail) +back +api\\.vip answered by the client again " + NUMBER + " s after it (answered again|was restarted)");
        assertEquals(4, back.size(), "each mode recovers after each outage\n" + text);
        back.forEach(recovery -> assertTrue(number(recovery[2]) < 3, "back within 3 s\n" + text));
        assertTrue(text.matches("(?s).* fail {10}api\\.vip -> java\\.net\\.UnknownHostException: resolvechain: api\\.vip: local: local client 127\\.0\\.0\\.1:\\d+ is down since .*"),
                "with fail, the failure names the client and says it is down\n" + text);
    }

    @ParameterizedTest(name = "--client={0}")
    @ValueSource(strings = {"dnsmasq", "stand-in"})
    void flapping(String client) {
        String text = run("flapping.sh", client);

        line(text, "  exceptions other than UnknownHostException: none");
        String[] ordinary = line(text, "  www\\.example\\.org, db\\.example\\.org: +(\\d+) lookups, (\\d+) answered, 0 failed, .*");
        assertTrue(Integer.parseInt(ordinary[1]) > 100 && ordinary[1].equals(ordinary[2]), "ordinary names never fail\n" + text);
        String[] vip = line(text, "  api\\.vip, cart\\.vip: +(\\d+) lookups, (\\d+) answered, 0 failed, .*");
        assertEquals(vip[1], vip[2], "the client's names are served stale while it is down\n" + text);
        String[] missing = line(text, "  missing\\.vip: +(\\d+) lookups, 0 answered, (\\d+) failed, .*");
        assertEquals(missing[1], missing[2], text);
    }
}
