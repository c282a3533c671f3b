package dev.resolvechain.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two readings of etcd's /metrics (made-up, in its format) and the rates between them. */
class EtcdMetricsTest {
    private static final String BEFORE = String.join("\n",
            "# HELP grpc_server_handled_total Total number of RPCs completed on the server, regardless of success or failure.",
            "# TYPE grpc_server_handled_total counter",
            "grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"LeaseKeepAlive\",grpc_service=\"etcdserverpb.Lease\",grpc_type=\"bidi_stream\"} 1000",
            "grpc_server_handled_total{grpc_code=\"NotFound\",grpc_method=\"LeaseKeepAlive\",grpc_service=\"etcdserverpb.Lease\",grpc_type=\"bidi_stream\"} 2",
            "grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Status\",grpc_service=\"etcdserverpb.Maintenance\",grpc_type=\"unary\"} 10",
            "grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Range\",grpc_service=\"etcdserverpb.KV\",grpc_type=\"unary\"} 7",
            "grpc_server_started_total{grpc_method=\"Watch\",grpc_service=\"etcdserverpb.Watch\",grpc_type=\"bidi_stream\"} 53",
            "etcd_debugging_mvcc_watch_stream_total 53",
            "process_cpu_seconds_total 12.5",
            "");

    @Test
    void requestsPerMethodAreSummedOverCodesAndTheirRatesTakenBetweenReadings() {
        EtcdMetrics before = new EtcdMetrics(BEFORE, 0);
        String later = BEFORE.replace("} 1000", "} 11000").replace("} 10\n", "} 40\n").replace("process_cpu_seconds_total 12.5", "process_cpu_seconds_total 17.5");
        EtcdMetrics after = new EtcdMetrics(later, 10_000_000_000L);

        assertEquals(Map.of("LeaseKeepAlive", 1002.0, "Range", 7.0, "Status", 10.0), before.byMethod("grpc_server_handled_total"));
        assertEquals(Map.of("LeaseKeepAlive", 1000.0, "Status", 3.0), after.ratesSince(before, "grpc_server_handled_total"),
                "methods that did not move are left out");
        assertTrue(after.ratesSince(before, "grpc_server_started_total").isEmpty());
        assertEquals(0.5, after.rateSince(before, "process_cpu_seconds_total"), 1e-9);
        assertEquals(53.0, after.value("etcd_debugging_mvcc_watch_stream_total"));
        assertTrue(Double.isNaN(after.value("absent")));
    }
}
