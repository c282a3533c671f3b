/**
 * The one way tests, samples and benchmarks start a child JVM: {@link dev.resolvechain.testkit.jvm.JvmLaunch}
 * says how (JDK, agent, class path and main class or jar, options, properties, environment, working
 * directory, timeout), {@link dev.resolvechain.testkit.jvm.RunningJvm} is the child while it runs (its
 * output line by line, its standard input), {@link dev.resolvechain.testkit.jvm.JvmResult} what it did.
 * Every child is hermetic: nothing of this machine's Java options, agent settings or resolver
 * configuration reaches it, and the JDK's own resolver reads only a hosts file of the launch.
 * {@link dev.resolvechain.testkit.jvm.ChainFiles} are the files a child's chain reads instead of the
 * machine's; {@link dev.resolvechain.testkit.jvm.Jdk} the JDKs children run on.
 *
 * <pre>{@code
 * ChainFiles files = new ChainFiles(tempDir).alias("web.hosts", "10.9.8.7 svc-a");
 * try (RunningJvm child = JvmLaunch.on(Jdk.JDK_25).files(files).agent(files.agentArguments())
 *         .main(App.class, "watch").start()) {
 *     child.awaitLine("ready");
 *     child.send("go");
 *     JvmResult result = child.finish().succeeded();
 * }
 * }</pre>
 */
package dev.resolvechain.testkit.jvm;
