/** The baseline: an empty main, for the classes any JVM loads. */
public class Nothing {
    public static void main(String[] args) {
        Figures.print(System.nanoTime(), Thread.activeCount(), 0);
    }
}
