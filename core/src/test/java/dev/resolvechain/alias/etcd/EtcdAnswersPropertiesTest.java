package dev.resolvechain.alias.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.observe.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a member (or something in its place) sends, reading it ends in a value or an
 * {@link EtcdException}: never another exception, never a hang; and what etcd would write reads back
 * as written.
 */
class EtcdAnswersPropertiesTest {
    /** A hang guard only: each read takes microseconds. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(5);

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[]\":,\\ntrufalse0123456789.-+eE \u00e9\u0000u").ofMaxLength(200);
    }

    @Property(tries = 2000)
    void anyTextIsAnObjectOrAnEtcdException(@ForAll("jsonish") String text) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                EtcdJson.object(text);
            } catch (EtcdException expected) {
                assertTrue(expected.getMessage().startsWith("the answer is not"), expected.getMessage());
            }
        });
    }

    @Property(tries = 1000)
    void anyWatchLineIsAResponseOrAnEtcdException(@ForAll("jsonish") String text) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                EtcdPrefix.watched(text);
            } catch (EtcdException expected) {
                // refused, saying why
            }
        });
    }

    @Property(tries = 500)
    void eventsAsEtcdWritesThemReadBack(@ForAll("keys") List<String> keys, @ForAll("values") List<String> values) {
        List<Object> events = new ArrayList<>();
        Map<String, String> expected = new LinkedHashMap<>();
        long revision = 1;
        for (int i = 0; i < keys.size(); i++) {
            String value = values.isEmpty() ? "" : values.get(i % values.size());
            Map<String, Object> kv = new LinkedHashMap<>();
            kv.put("key", EtcdJson.bytes(keys.get(i)));
            kv.put("mod_revision", String.valueOf(revision++));
            if (!value.isEmpty()) {
                kv.put("value", EtcdJson.bytes(value));
            }
            events.add(Map.of("kv", kv));
            expected.remove(keys.get(i));
            expected.put(keys.get(i), value);
        }
        String line = Json.write(Map.of("result", Map.of("header", Map.of("revision", String.valueOf(revision)), "events", events)));
        EtcdPrefix.Watched watched = assertTimeoutPreemptively(HANG_GUARD, () -> EtcdPrefix.watched(line));
        Map<String, String> read = new LinkedHashMap<>();
        for (EtcdOwners.Kv kv : watched.puts()) {
            read.put(kv.key(), kv.value());
        }
        assertEquals(expected, read);
        assertEquals(keys.isEmpty() ? 0 : revision - 1, watched.lastEventRevision());
    }

    @Provide
    Arbitrary<List<String>> keys() {
        return Arbitraries.strings().withCharRange((char) 1, (char) 0xD7FF).ofMinLength(1).ofMaxLength(30).map(k -> "/rc/" + k).list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<String>> values() {
        return Arbitraries.strings().withCharRange((char) 1, (char) 0xD7FF).ofMaxLength(80).list().ofMaxSize(5);
    }
}
