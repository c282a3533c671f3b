package dev.resolvechain.observe;

/**
 * A lookup that failed or was slow, as {@code recent} shows it.
 *
 * @param epochMillis when it ended
 * @param resolver    the resolver it came through: {@code InetAddress}, {@code netty}, {@code dnsjava}
 * @param tier        the tier that decided (answered or failed it), or {@code none}
 * @param outcome     {@code answer} or {@code fail}
 * @param reason      for a failure, why (as its {@code UnknownHostException} says); for an answer, the deciding tier's detail
 */
public record RecentLookup(long epochMillis, String name, String resolver, String tier, String outcome, String reason, long micros) {
}
