/**
 * Real DNS servers for tests, samples and benchmarks, on loopback or inside network namespaces the tests create.
 *
 * <ul>
 *   <li>{@link dev.resolvechain.testkit.TestDnsServer}: a DNS server on dnsjava's messages, with records set in code
 *       and {@link dev.resolvechain.testkit.Fault faults} (drops, delays, loss, error codes, truncation, trickling,
 *       records of another class, oversized or broken replies) switched on per query, per name or for the next few
 *       queries; it logs every {@link dev.resolvechain.testkit.Question question} it receives.
 *   <li>{@link dev.resolvechain.testkit.Dnsmasq}: a real dnsmasq, configured from code, reading nothing of the
 *       system's configuration.
 *   <li>{@link dev.resolvechain.testkit.Etcd}: real etcd (Debian's 3.4), one member or a cluster, with TLS from a
 *       {@link dev.resolvechain.testkit.TestPki} and auth; members to kill, stop and restart, keys, leases, compaction and
 *       request counts through etcd's gRPC-JSON gateway.
 *   <li>{@link dev.resolvechain.testkit.Netns}: a network namespace of the test's own on a veth pair, with its own
 *       resolv.conf, hosts and nsswitch.conf, and routes that go nowhere.
 *   <li>{@link dev.resolvechain.testkit.DnsServerProcess} and {@link dev.resolvechain.testkit.LossyRelay} (a UDP
 *       relay that loses and delays datagrams, since the kernel has no netem) as processes of their own, e.g. inside a
 *       namespace, driven through {@link dev.resolvechain.testkit.ServerProcess}.
 * </ul>
 *
 * <pre>{@code
 * try (TestDnsServer dns = TestDnsServer.start().a("web.test", 60, "192.0.2.10").soa("test", 30)) {
 *     dns.faultFirst(1, Fault.servfail());   // the first query fails, retries succeed
 *     ... point the code under test at dns.endpoint() ...
 *     assertEquals(2, dns.queryCount());
 * }
 * }</pre>
 *
 * <h2>Dead nameservers, as the JDK sees them</h2>
 *
 * What the kernel (6.x) does with a query to a nameserver that cannot answer, as JDK 17 and 25 report it
 * (DeadRoutesTest checks each line):
 *
 * <table>
 *   <caption>Failures by route and call</caption>
 *   <tr><th>nameserver</th><th>UDP ({@code DatagramSocket}, {@code DatagramChannel})</th><th>TCP connect</th></tr>
 *   <tr><td>behind a {@code blackhole} route</td>
 *       <td>{@code SocketException: Invalid argument} (EINVAL), at once, from the first call that needs the route:
 *           {@code send} of an unconnected socket or channel, else {@code connect}</td>
 *       <td>{@code SocketException: Invalid argument}, at once</td></tr>
 *   <tr><td>behind an {@code unreachable} route</td>
 *       <td>{@code NoRouteToHostException: No route to host} (EHOSTUNREACH), at once, from that same call</td>
 *       <td>{@code NoRouteToHostException}, at once</td></tr>
 *   <tr><td>an address on the link that nobody holds (ARP unanswered)</td>
 *       <td>silence: sends succeed, receives time out ({@code SocketTimeoutException}), connected or not</td>
 *       <td>{@code NoRouteToHostException} once neighbour discovery gives up (about 3 s)</td></tr>
 *   <tr><td>a reachable host with nothing on the port</td>
 *       <td>connected: {@code PortUnreachableException} from the receive (or {@code read}) after the send;
 *           unconnected: silence</td>
 *       <td>{@code ConnectException: Connection refused}, at once</td></tr>
 *   <tr><td>a server that takes queries and never answers ({@link dev.resolvechain.testkit.Fault#drop()})</td>
 *       <td>silence</td><td>connects; the answer never comes</td></tr>
 * </table>
 */
package dev.resolvechain.testkit;
