// Compile-time stand-in for the JDK 18+ resolver SPI, so that core builds on JDK 17 (javac --patch-module, see core/pom.xml).
// Never packaged: at run time the JDK's own class is used. Signatures and constants must match the JDK exactly.
package java.net.spi;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.stream.Stream;
public interface InetAddressResolver {
    Stream<InetAddress> lookupByName(String host, LookupPolicy lookupPolicy) throws UnknownHostException;
    String lookupByAddress(byte[] addr) throws UnknownHostException;
    final class LookupPolicy {
        public static final int IPV4 = 1 << 0;
        public static final int IPV6 = 1 << 1;
        public static final int IPV4_FIRST = 1 << 2;
        public static final int IPV6_FIRST = 1 << 3;
        private LookupPolicy() {}
        public static LookupPolicy of(int characteristics) { throw new UnsupportedOperationException(); }
        public int characteristics() { throw new UnsupportedOperationException(); }
    }
}
