import java.lang.management.ManagementFactory;

/** One line: milliseconds from the client's creation to the first answer, classes loaded in all, threads the client added. */
final class Figures {
    private Figures() {
    }

    static void print(long startNanos, int threadsBefore, int keys) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        System.out.println("first-answer-ms " + millis + " classes " + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()
                + " threads-added " + (Thread.activeCount() - threadsBefore) + " keys " + keys);
    }
}
