package dev.resolvechain.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Every query a {@link TestDnsServer} received, in order. */
final class QueryLog {

    private final List<Question> questions = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean keepingQuestions = true;

    void add(Record question, ReplyChannel channel) {
        count.incrementAndGet();
        if (keepingQuestions) {
            Question received = new Question(
                    question.getName().toString(true).toLowerCase(Locale.ROOT),
                    Type.string(question.getType()),
                    channel.transport().label(),
                    channel.sourcePort());
            synchronized (questions) {
                questions.add(received);
            }
        }
    }

    void keepQuestions(boolean keep) {
        keepingQuestions = keep;
    }

    List<Question> questions() {
        synchronized (questions) {
            return List.copyOf(questions);
        }
    }

    int count() {
        return count.get();
    }

    void clear() {
        synchronized (questions) {
            questions.clear();
            count.set(0);
        }
    }
}
