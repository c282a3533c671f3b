package dev.resolvechain;

import java.net.InetAddress;
import java.util.List;

/**
 * A tier's decision on one query. {@code detail} says why, in words an operator can act on
 * (which file and owner, which server, what it answered).
 */
public record Verdict(Outcome outcome, List<InetAddress> addresses, String hostName, String detail) {

    public Verdict {
        addresses = List.copyOf(addresses);
    }

    public static Verdict answer(List<InetAddress> addresses, String detail) {
        return new Verdict(Outcome.ANSWER, addresses, null, detail);
    }

    public static Verdict answerName(String hostName, String detail) {
        return new Verdict(Outcome.ANSWER, List.of(), hostName, detail);
    }

    public static Verdict fallthrough(String detail) {
        return new Verdict(Outcome.FALLTHROUGH, List.of(), null, detail);
    }

    public static Verdict fail(String detail) {
        return new Verdict(Outcome.FAIL, List.of(), null, detail);
    }
}
