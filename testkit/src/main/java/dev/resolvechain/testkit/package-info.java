/**
 * Real DNS servers for tests, samples and benchmarks, on loopback only.
 *
 * <ul>
 *   <li>{@link dev.resolvechain.testkit.TestDnsServer}: a DNS server on dnsjava's messages, with records set in code
 *       and {@link dev.resolvechain.testkit.Fault faults} (drops, delays, error codes, truncation, broken replies)
 *       switched on per query, per name or for the next few queries; it logs every {@link
 *       dev.resolvechain.testkit.Question question} it receives.
 *   <li>{@link dev.resolvechain.testkit.Dnsmasq}: a real dnsmasq, configured from code, reading nothing of the
 *       system's configuration.
 * </ul>
 *
 * <pre>{@code
 * try (TestDnsServer dns = TestDnsServer.start().a("web.test", 60, "192.0.2.10").soa("test", 30)) {
 *     dns.faultFirst(1, Fault.servfail());   // the first query fails, retries succeed
 *     ... point the code under test at dns.endpoint() ...
 *     assertEquals(2, dns.queryCount());
 * }
 * }</pre>
 */
package dev.resolvechain.testkit;
