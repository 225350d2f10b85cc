package io.webhookrouter.vonage.media;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses of this machine or of an internal network: a media URL must not make the router reach them (a
 * forged or redirected URL could otherwise read a metadata service or an internal admin page).
 */
public final class PrivateAddresses {

    private PrivateAddresses() {
    }

    public static boolean isPrivate(InetAddress address) {
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || isSpecialIpv4(address) || isUniqueLocalIpv6(address);
    }

    /** 0.0.0.0/8 ("this network") and 100.64.0.0/10 (carrier-grade NAT, used inside some clouds). */
    private static boolean isSpecialIpv4(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128);
    }

    /** fc00::/7, IPv6's private networks, and ::a.b.c.d, an IPv4 address in IPv6 clothing. */
    private static boolean isUniqueLocalIpv6(InetAddress address) {
        return address instanceof Inet6Address v6
                && ((v6.getAddress()[0] & 0xfe) == 0xfc || v6.isIPv4CompatibleAddress());
    }
}
