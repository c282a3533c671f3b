// Compile-time stand-in for the JDK 18+ resolver SPI, so that core builds on JDK 17 (javac --patch-module, see core/pom.xml).
// Never packaged: at run time the JDK's own class is used. Signatures and constants must match the JDK exactly.
package java.net.spi;
public abstract class InetAddressResolverProvider {
    protected InetAddressResolverProvider() {}
    public abstract InetAddressResolver get(Configuration configuration);
    public abstract String name();
    public interface Configuration {
        InetAddressResolver builtinResolver();
        String lookupLocalHostName();
    }
}
