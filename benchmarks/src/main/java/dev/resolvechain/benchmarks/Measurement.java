package dev.resolvechain.benchmarks;

import dev.resolvechain.testkit.jvm.Jdk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark as the performance table runs it: a script of this folder or a main of benchmarks.jar, its arguments
 * for a full run (the table's figures) and for a quick one (only that it runs and gives its rows), and the row keys
 * it must give for every JDK.
 */
record Measurement(String name, String title, Kind kind, String program, boolean needsRoot, List<String> jvmOptions,
                   List<String> fullArguments, List<String> quickArguments, List<String> keys) {
    private static final String PACKAGE = Measurement.class.getPackageName() + ".";
    static final String JAR = "benchmarks/target/benchmarks.jar";

    enum Kind {
        /** {@code benchmarks/PROGRAM}, which runs every JDK it is given ({@code --jdk HOME}, repeated). */
        SCRIPT,
        /** A main of benchmarks.jar that runs every JDK it is given in child JVMs. */
        RUNNER,
        /** A main of benchmarks.jar that measures the JVM it runs in: started once per JDK. */
        PER_JDK
    }

    /**
     * The commands to run, each with the file its rows go to ({@code rows} and a number): {@code java} runs a
     * {@link Kind#RUNNER}, {@code root} is the checkout.
     */
    List<Command> commands(boolean quick, List<Jdk> jdks, Path java, Path root, Path rows) {
        List<String> arguments = quick ? quickArguments : fullArguments;
        List<Command> commands = new ArrayList<>();
        if (kind == Kind.PER_JDK) {
            for (Jdk jdk : jdks) {
                commands.add(command(jdk.java().toString(), arguments, List.of(), root, rows, commands.size()));
            }
            return commands;
        }
        List<String> jdkOptions = new ArrayList<>();
        for (Jdk jdk : jdks) {
            jdkOptions.add("--jdk");
            jdkOptions.add(jdk.home().toString());
        }
        commands.add(command(java.toString(), arguments, jdkOptions, root, rows, 0));
        return commands;
    }

    private Command command(String java, List<String> arguments, List<String> jdkOptions, Path root, Path rows, int index) {
        Path file = rows.resolveSibling(rows.getFileName() + "." + index);
        List<String> line = new ArrayList<>();
        if (kind == Kind.SCRIPT) {
            line.add("bash");
            line.add(root.resolve("benchmarks").resolve(program).toString());
        } else {
            line.add(java);
            line.addAll(jvmOptions);
            line.addAll(List.of("-cp", root.resolve(JAR).toString(), PACKAGE + program));
        }
        line.addAll(arguments);
        line.addAll(jdkOptions);
        line.addAll(List.of("--rows", file.toString()));
        return new Command(line, file);
    }

    /** The full run's command as a reader would type it in the checkout. */
    String display() {
        String sudo = needsRoot ? "sudo " : "";
        String arguments = fullArguments.isEmpty() ? "" : " " + String.join(" ", fullArguments);
        return switch (kind) {
            case SCRIPT -> sudo + "benchmarks/" + program + arguments;
            case RUNNER -> sudo + "java -cp " + JAR + " " + PACKAGE + program + arguments;
            case PER_JDK -> "java " + String.join(" ", jvmOptions) + (jvmOptions.isEmpty() ? "" : " ") + "-cp " + JAR + " " + PACKAGE + program
                    + arguments + ", once per JDK";
        };
    }

    record Command(List<String> line, Path rows) {
    }
}
