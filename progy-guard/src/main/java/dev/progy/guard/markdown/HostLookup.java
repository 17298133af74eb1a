package dev.progy.guard.markdown;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether DNS knows a host name. The external-link check asks before it connects, because java.net.http folds
 * "no such host" into a plain connection failure, and the two mean different things to an author: a host that
 * does not exist is a broken link, a host that does not answer may be back tomorrow. Injected so tests decide
 * what DNS says without asking a real resolver.
 */
@FunctionalInterface
interface HostLookup {

    /** The system resolver (hosts file, then DNS), with the JVM's own caching of answers. */
    HostLookup SYSTEM = host -> {
        try {
            InetAddress.getAllByName(host);
            return true;
        } catch (UnknownHostException e) {
            // NXDOMAIN, but also a resolver that cannot be reached: ExternalLinks tells the two apart with a
            // control name, since the exception does not say which portably
            return false;
        }
    };

    /** True when {@code host} has an address; false when the resolver says there is none. */
    boolean exists(String host);
}
