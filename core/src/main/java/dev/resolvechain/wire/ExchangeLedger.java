package dev.resolvechain.wire;

import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@link Exchange} has learnt: each question's answer or each server's error for it, each
 * server's part (queries sent, answered or not, resting after errors, done), and the queries still
 * out. At the end it tells the client how each server did and fails what is still open.
 */
final class ExchangeLedger {
    private final int questions;
    private final DnsClient client;
    final DnsAnswer[] answers;
    /** Per question, each server's error, in the order they came. */
    private final List<Map<Endpoint, String>> errors;
    private final DnsAnswer.Failure[] lastFailure;
    final Server[] servers;
    final List<Pending> pending = new ArrayList<>();
    int open;
    /** What kind of datagram was last ignored, for the failure's text; null when none was. */
    String ignored;

    /** One query sent: which server and question it asks, and when. */
    record Pending(int id, int server, int question, long sentNanos) {
    }

    /** What this exchange knows of one server. */
    static final class Server {
        final Endpoint endpoint;
        DatagramChannel channel;
        /** The kept channel, with the waiter it stays registered with, when the server is on loopback. */
        KeptSockets.Kept kept;
        /** Registered with the exchange's waiter by the exchange (and so to be cancelled at its end). */
        boolean registeredHere;
        int sends;
        long firstSentNanos;
        long firstRetryNanos;
        boolean answered;
        /** Unreachable, or errors for every question in as many tries as the client allows: not asked again. */
        boolean done;
        /** After an error for every open question: not asked again before this (System.nanoTime). */
        long restUntilNanos;
        int errorTries;
        /** Its error was a response (SERVFAIL, REFUSED, garbage), not silence or an unreachable port. */
        boolean responded;
        String error;

        Server(Endpoint endpoint) {
            this.endpoint = endpoint;
        }
    }

    ExchangeLedger(int questions, DnsClient client, List<Endpoint> order) {
        this.questions = questions;
        this.client = client;
        this.answers = new DnsAnswer[questions];
        this.errors = new ArrayList<>(questions);
        for (int i = 0; i < questions; i++) {
            errors.add(new LinkedHashMap<>());
        }
        this.lastFailure = new DnsAnswer.Failure[questions];
        this.servers = new Server[order.size()];
        for (int i = 0; i < servers.length; i++) {
            servers[i] = new Server(order.get(i));
        }
        this.open = questions;
    }

    /** Whether a query for a question still open has been sent and not yet answered. */
    boolean awaitingAnswer() {
        for (Pending query : pending) {
            if (answers[query.question()] == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops the queries pending with server {@code index} for {@code question} (-1: every question).
     * A loop, not {@code removeIf} with a lambda: this is on a JVM's first lookup, where each costs a bootstrap.
     */
    void settled(int index, int question) {
        for (int i = pending.size() - 1; i >= 0; i--) {
            Pending query = pending.get(i);
            if (query.server() == index && (question < 0 || query.question() == question)) {
                pending.remove(i);
            }
        }
    }

    /** Whether a query to server {@code index} is still pending. */
    boolean pendingWith(int index) {
        for (Pending query : pending) {
            if (query.server() == index) {
                return true;
            }
        }
        return false;
    }

    Pending pendingWithId(int index, int id) {
        for (Pending query : pending) {
            if (query.server() == index && query.id() == id) {
                return query;
            }
        }
        return null;
    }

    /** Question {@code q} is answered by server {@code index} (unless another server was first). */
    void answer(int index, int q, DnsAnswer answer) {
        servers[index].answered = true;
        if (answers[q] == null) {
            answers[q] = answer;
            open--;
        }
    }

    /**
     * Server {@code index} failed question {@code q}; returns true when it has now failed every open
     * question of its last try: it rests for its retry interval, or is done after its last try.
     */
    boolean error(int index, int q, String error, DnsAnswer.Failure failure) {
        Server server = servers[index];
        errors.get(q).put(server.endpoint, error);
        lastFailure[q] = failure;
        server.error = server.error != null ? server.error : error;
        server.responded = true;
        for (Pending query : pending) {
            if (query.server() == index && answers[query.question()] == null) {
                return false; // another open question of this server may still be answered
            }
        }
        server.errorTries++;
        server.done = !client.mayRetryAfterError(server.errorTries);
        server.restUntilNanos = System.nanoTime() + client.retryNanos(server.endpoint, server.sends);
        return true;
    }

    boolean unreachable(int index, String error) {
        Server server = servers[index];
        server.done = true;
        server.error = error;
        settled(index, -1);
        for (int q = 0; q < questions; q++) {
            if (answers[q] == null) {
                errors.get(q).put(server.endpoint, error);
                lastFailure[q] = lastFailure[q] == null ? DnsAnswer.Failure.UNREACHABLE : lastFailure[q];
            }
        }
        return true;
    }

    /**
     * Tells the client how each server did: an answer was told as it came; an error, or no answer
     * although its retry interval ran out, is a failure; a server whose interval had not run out
     * when the exchange ended is not judged.
     */
    void judge(long now) {
        for (Server server : servers) {
            if (server.answered || server.sends == 0 && !server.done) {
                continue;
            }
            if (server.error != null) {
                client.failed(server.endpoint, server.error, server.responded);
            } else if (now - server.firstSentNanos >= server.firstRetryNanos) {
                client.failed(server.endpoint, timedOut(server, now), false);
            }
        }
    }

    private static String timedOut(Server server, long now) {
        return "timed out after " + (now - server.firstSentNanos + 500_000) / 1_000_000 + " ms"
                + (server.sends == 1 ? "" : " (" + server.sends + " queries)");
    }

    /** Fails every question still open, naming each server's error or how long it was waited for. */
    void failRemaining(String reason, long now) {
        for (int q = 0; q < questions; q++) {
            if (answers[q] != null) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            boolean timedOut = false;
            for (Server server : servers) {
                String error = errors.get(q).get(server.endpoint);
                if (error == null && server.sends > 0) {
                    error = timedOut(server, now);
                    timedOut = true;
                }
                if (error != null) {
                    text.append(text.length() == 0 ? "" : "; ").append(server.endpoint).append(' ').append(error);
                }
            }
            if (ignored != null && timedOut) {
                text.append(" (ignored ").append(ignored).append(')');
            }
            if (reason != null) {
                text.append(text.length() == 0 ? "" : "; ").append(reason);
            }
            DnsAnswer.Failure failure = timedOut || lastFailure[q] == null ? DnsAnswer.Failure.OTHER : lastFailure[q];
            answers[q] = DnsAnswer.failed(text.toString(), failure);
        }
        open = 0;
    }
}
