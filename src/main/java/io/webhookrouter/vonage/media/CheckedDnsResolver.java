package io.webhookrouter.vonage.media;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.DnsResolver;

/**
 * The only name resolution of media downloads: the HTTP client connects to the addresses returned here, so the
 * addresses checked are the addresses used (a DNS answer that changes between a check and the connect cannot
 * send the download to the internal network). Every address is checked, not only the first: a host that mixes
 * public and private addresses is refused, unless it is listed by name (an internal media proxy, say).
 */
final class CheckedDnsResolver implements DnsResolver {

    /** Host names to addresses: the system's resolver, or a test's. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * A host that resolved to an address it may not have. An UnknownHostException, the only failure a resolver may
     * give; the downloader turns it into a refusal.
     */
    static final class AddressRefused extends UnknownHostException {

        AddressRefused(String reason) {
            super(reason);
        }
    }

    private final Resolver resolver;
    private final HostAllowList allowedHosts;

    CheckedDnsResolver(Resolver resolver, HostAllowList allowedHosts) {
        this.resolver = resolver;
        this.allowedHosts = allowedHosts;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (!listedByName(host)) {
            for (InetAddress address : addresses) {
                if (PrivateAddresses.isPrivate(address)) {
                    throw new AddressRefused("host " + host + " resolves to a private address "
                            + address.getHostAddress() + "; list it by name in MEDIA_ALLOWED_HOSTS to allow that");
                }
            }
        }
        return addresses;
    }

    /** An IPv6 literal comes without the brackets it has in a URL, and in MEDIA_ALLOWED_HOSTS. */
    private boolean listedByName(String host) {
        return allowedHosts.listsExactly(host) || host.indexOf(':') >= 0 && allowedHosts.listsExactly("[" + host + "]");
    }

    /** Only for Kerberos and the like, which media downloads do not use: no lookup that would go unchecked. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
