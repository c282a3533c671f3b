package dev.resolvechain.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One reading of an etcd member's {@code GET /metrics} (Prometheus text): the series it holds, and the sums
 * {@link EtcdRunner} reads from two readings: gRPC requests finished per method ({@code grpc_server_handled_total},
 * every gateway call is one), streams started per method ({@code grpc_server_started_total}), and gauges.
 */
final class EtcdMetrics {
    private final Map<String, Double> series = new LinkedHashMap<>();
    private final long atNanos;

    EtcdMetrics(String text, long atNanos) {
        this.atNanos = atNanos;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space > 0) {
                try {
                    series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                } catch (NumberFormatException e) {
                    // not a sample line
                }
            }
        }
    }

    /** A series without labels ({@code process_cpu_seconds_total}), NaN when absent. */
    double value(String name) {
        return series.getOrDefault(name, Double.NaN);
    }

    /** Per {@code grpc_method}, the sum of {@code metric}'s series over its other labels (codes, services, types). */
    Map<String, Double> byMethod(String metric) {
        Map<String, Double> sums = new TreeMap<>();
        for (Map.Entry<String, Double> entry : series.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(metric + "{")) {
                continue;
            }
            int at = key.indexOf("grpc_method=\"");
            if (at < 0) {
                continue;
            }
            int from = at + "grpc_method=\"".length();
            sums.merge(key.substring(from, key.indexOf('"', from)), entry.getValue(), Double::sum);
        }
        return sums;
    }

    /** Per method, {@code metric}'s increase from {@code earlier} to this reading, per second; methods that did not move are left out. */
    Map<String, Double> ratesSince(EtcdMetrics earlier, String metric) {
        double seconds = seconds(earlier);
        Map<String, Double> before = earlier.byMethod(metric);
        Map<String, Double> rates = new TreeMap<>();
        for (Map.Entry<String, Double> entry : byMethod(metric).entrySet()) {
            double delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
            if (delta != 0) {
                rates.put(entry.getKey(), delta / seconds);
            }
        }
        return rates;
    }

    /** The increase of a series without labels per second, e.g. CPU seconds per second. */
    double rateSince(EtcdMetrics earlier, String name) {
        return (value(name) - earlier.value(name)) / seconds(earlier);
    }

    double seconds(EtcdMetrics earlier) {
        return (atNanos - earlier.atNanos) / 1e9;
    }
}
