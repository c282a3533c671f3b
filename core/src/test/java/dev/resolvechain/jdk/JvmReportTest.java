package dev.resolvechain.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.ResolveChain;
import dev.resolvechain.config.ConfigException;
import dev.resolvechain.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request that cannot be answered still gets an answer, so that the command does not wait for one. */
class JvmReportTest {
    private JvmReport report;

    @BeforeEach
    void report() throws ConfigException {
        report = new JvmReport(new JdkResolver(new ResolveChain(List.of(), Duration.ofSeconds(1)), null), ConfigLoader.fromSystem(""),
                () -> List.of(JdkResolver.INET_ADDRESS));
    }

    @Test
    void badRequestsAreAnsweredWithStatusTwo() {
        assertEquals("2\nresolvechain: an empty request\n", report.answer(List.of("status")));
        assertTrue(report.answer(List.of("recent", "text", "failed", "not-a-time")).startsWith("2\nresolvechain: a request this JVM cannot answer: "));
        assertTrue(report.answer(List.of("reboot\u001b[2J", "text")).startsWith("2\nresolvechain: unknown request "));
        assertFalse(report.answer(List.of("reboot\u001b[2J", "text")).contains("\u001b"), "control characters escaped");
    }

    @Test
    void statusAndRecentAnswerWithStatusZero() {
        assertTrue(report.answer(List.of("status", "json")).startsWith("0\n{\"pid\":"));
        assertEquals("0\n", report.answer(List.of("recent", "text", "all", "0")));
        assertEquals("0\n[]\n", report.answer(List.of("problems", "json")), "a chain of no tier has no problem");
    }
}
