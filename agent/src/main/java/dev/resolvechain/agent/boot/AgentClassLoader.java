package dev.resolvechain.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The loader of every agent class but this package's, reading them from the agent jar's
 * {@value #PREFIX} folder, where the application's class loader does not look (class files there end
 * in {@value #CLASS_SUFFIX}). Its parent is the platform class loader, so the agent sees the JDK and
 * not the application, and its classes are found without a search through the application's class
 * path first: at start-up that search was the largest part of loading the agent. This package (the
 * entry points, this loader, the hooks that code woven into libraries calls) is shared with the
 * loader of the agent jar itself.
 */
final class AgentClassLoader extends ClassLoader {
    static final String PREFIX = "resolvechain/";
    static final String CLASS_SUFFIX = ".classdata";
    private static final String SHARED_PACKAGE = AgentClassLoader.class.getPackageName() + ".";
    /** Every class of the agent jar's folder is in it, the relocated libraries too. */
    private static final String AGENT_NAMESPACE = "dev.resolvechain.agent.";

    static {
        registerAsParallelCapable();
    }

    private static volatile AgentClassLoader instance;

    private final ZipFile jar;
    private final String jarUri;
    private final ProtectionDomain domain;

    private AgentClassLoader(Path jarPath, URL jarUrl) throws IOException {
        super("resolvechain", ClassLoader.getPlatformClassLoader());
        this.jar = new ZipFile(jarPath.toFile());
        this.jarUri = jarPath.toUri().toString();
        this.domain = new ProtectionDomain(new CodeSource(jarUrl, (Certificate[]) null), null, this, null);
    }

    /** The loader of the agent jar this class came from: made once, kept for the JVM's life (an attach again reuses it). */
    static AgentClassLoader get() throws IOException {
        AgentClassLoader loader = instance;
        if (loader == null) {
            synchronized (AgentClassLoader.class) {
                loader = instance;
                if (loader == null) {
                    URL jarUrl = AgentClassLoader.class.getProtectionDomain().getCodeSource().getLocation();
                    try {
                        loader = new AgentClassLoader(Path.of(jarUrl.toURI()), jarUrl);
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        throw new IOException("the agent jar is not a file: " + jarUrl, e);
                    }
                    instance = loader;
                }
            }
        }
        return loader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SHARED_PACKAGE)) {
            return AgentClassLoader.class.getClassLoader().loadClass(name);
        }
        if (!name.startsWith(AGENT_NAMESPACE)) {
            return super.loadClass(name, resolve);
        }
        // the agent's own, relocated libraries included: not looked for in the JDK first (a search of its image per class)
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : findClass(name);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        ZipEntry entry = jar.getEntry(PREFIX + name.replace('.', '/') + CLASS_SUFFIX);
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": cannot read it from " + jar.getName() + ": " + e.getMessage(), e);
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    @Override
    protected URL findResource(String name) {
        if (jar.getEntry(PREFIX + name) == null) {
            return null;
        }
        try {
            return URI.create("jar:" + jarUri + "!/" + PREFIX + name).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            return null; // a name no URL can hold, which the JDK's own loaders do not find either
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL found = findResource(name);
        return found == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(found));
    }
}
