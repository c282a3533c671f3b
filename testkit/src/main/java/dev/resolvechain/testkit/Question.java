package dev.resolvechain.testkit;

/**
 * One query as a {@link TestDnsServer} received it.
 *
 * @param name the queried name, lower case, without the trailing dot
 * @param type the record type's mnemonic: {@code "A"}, {@code "AAAA"}, {@code "PTR"}, ...
 * @param transport {@code "udp"} or {@code "tcp"}
 * @param sourcePort the client's port
 */
public record Question(String name, String type, String transport, int sourcePort) {}
