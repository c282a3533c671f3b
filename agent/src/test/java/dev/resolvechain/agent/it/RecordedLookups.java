package dev.resolvechain.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Every lookup a child's chain made, as its JFR recording holds them (events {@code dev.resolvechain.Lookup}):
 * the name, the thread that asked, the tier that decided and the outcome. Start the child with {@link #option}.
 */
record RecordedLookups(List<RecordedLookups.Lookup> all) {
    record Lookup(String name, String thread, String tier, String outcome) {
        @Override
        public String toString() {
            return name + " on " + thread + ": " + tier + " " + outcome;
        }
    }

    /** The JVM option that records into {@code recording} from the start, the lookups among the rest. */
    static String option(Path recording) {
        return "-XX:StartFlightRecording=filename=" + recording + ",settings=default";
    }

    static RecordedLookups read(Path recording) {
        List<Lookup> lookups = new ArrayList<>();
        try {
            for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
                if (event.getEventType().getName().equals("dev.resolvechain.Lookup")) {
                    RecordedThread thread = event.getThread();
                    lookups.add(new Lookup(event.getString("name"), thread == null ? "?" : thread.getJavaName(),
                            event.getString("tier"), event.getString("outcome")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording " + recording, e);
        }
        return new RecordedLookups(List.copyOf(lookups));
    }

    /** The names looked up, sorted. */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        all.forEach(lookup -> names.add(lookup.name()));
        return names;
    }

    /** The lookups asked from any thread but {@code thread}. */
    List<Lookup> notFrom(String thread) {
        return all.stream().filter(lookup -> !thread.equals(lookup.thread())).toList();
    }
}
