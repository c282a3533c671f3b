package dev.resolvechain.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {
    @Test
    void anUnmetRequirementFailsInCiAndSkipsElsewhere() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> Requirements.require(false, "no dnsmasq", "true"));
        assertTrue(failure.getMessage().startsWith("no dnsmasq"), failure.getMessage());
        TestAbortedException skip = assertThrows(TestAbortedException.class, () -> Requirements.require(false, "no dnsmasq", null));
        assertTrue(skip.getMessage().contains("no dnsmasq"), skip.getMessage());
        assertThrows(TestAbortedException.class, () -> Requirements.require(false, "no dnsmasq", "false"));
    }

    @Test
    void aMetRequirementPassesEverywhere() {
        assertDoesNotThrow(() -> Requirements.require(true, "no dnsmasq", "true"));
        assertDoesNotThrow(() -> Requirements.require(true, "no dnsmasq", null));
    }
}
