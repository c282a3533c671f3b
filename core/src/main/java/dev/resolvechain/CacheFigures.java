package dev.resolvechain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cache's size, and of the questions lookups put to it (one per name and record type) how many it
 * answered ({@code hits}) and how many went to a server ({@code misses}).
 */
public record CacheFigures(int entries, long hits, long misses) {
    /** Hits among all questions, rounded to 3 decimals; 0 before any question. */
    public double hitRatio() {
        return hits + misses == 0 ? 0.0 : Math.round(1000.0 * hits / (hits + misses)) / 1000.0;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("entries", entries);
        map.put("hits", hits);
        map.put("misses", misses);
        map.put("hitRatio", hitRatio());
        return map;
    }
}
