package io.webhookrouter.vonage.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Downloads one media URL into a stream, within the {@link DownloadPolicy}: https only, allowed hosts only, a
 * checked (public, unless the host is listed by name) address, same-host redirects only, and the size cap counted
 * while the bytes come. A refusal is a {@link MediaRefused}; an answer worth retrying a {@link MediaUnavailable}.
 */
final class MediaDownloader {

    private final DownloadPolicy policy;
    private final Resolver resolver;
    /** The Authorization header's value for each download; null when Secure Inbound Media is not configured. */
    private final Supplier<String> authorization;

    /** Host names to addresses: the system's resolver, or a test's. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    MediaDownloader(DownloadPolicy policy, Resolver resolver, Supplier<String> authorization) {
        this.policy = policy;
        this.resolver = resolver;
        this.authorization = authorization;
    }

    Downloaded download(String url, OutputStream target) throws IOException {
        URI uri = allowed(parse(url));
        for (int redirects = 0; ; redirects++) {
            try (HttpGet get = HttpGet.send(uri, checkedAddress(uri.getHost()), headers(), policy.connectTimeout(),
                    policy.readTimeout())) {
                int status = get.status();
                if (isRedirect(status) && get.header("location") != null) {
                    uri = redirected(uri, get.header("location"), redirects);
                    continue;
                }
                if (status == 429 || status >= 500) {
                    throw new MediaUnavailable("HTTP " + status + " from " + uri.getHost());
                }
                if (status != 200) {
                    throw new MediaRefused("HTTP " + status + " from " + uri.getHost());
                }
                if (get.contentLength() > policy.maxBytes()) {
                    throw new MediaRefused("Content-Length " + get.contentLength() + " over MEDIA_MAX_BYTES ("
                            + policy.maxBytes() + " bytes)");
                }
                return copy(get, target);
            }
        }
    }

    private Map<String, String> headers() {
        String value = authorization.get();
        return value == null ? Map.of() : Map.of("Authorization", value);
    }

    private static URI parse(String url) throws MediaRefused {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getScheme() == null) {
                throw new MediaRefused("not an absolute URL with a host: " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new MediaRefused("not a URL: " + e.getMessage());
        }
    }

    private URI allowed(URI uri) throws MediaRefused {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && policy.allowHttp())) {
            throw new MediaRefused("scheme " + scheme + " not allowed (https only) for " + uri.getHost());
        }
        if (uri.getUserInfo() != null) {
            throw new MediaRefused("URL with user info refused");
        }
        if (!policy.allowedHosts().allows(uri.getHost())) {
            throw new MediaRefused("host " + uri.getHost() + " is not in MEDIA_ALLOWED_HOSTS");
        }
        return uri;
    }

    /**
     * The address to connect to. Every address the host resolves to is checked, not only the first: a host that
     * mixes public and private addresses is refused, unless it is listed by name (an internal media proxy, say).
     */
    private InetAddress checkedAddress(String host) throws IOException {
        InetAddress[] addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        if (!policy.allowedHosts().listsExactly(host)) {
            for (InetAddress address : addresses) {
                if (PrivateAddresses.isPrivate(address)) {
                    throw new MediaRefused("host " + host + " resolves to a private address " + address.getHostAddress()
                            + "; list it by name in MEDIA_ALLOWED_HOSTS to allow that");
                }
            }
        }
        return addresses[0];
    }

    private URI redirected(URI from, String location, int redirects) throws MediaRefused {
        URI to;
        try {
            to = from.resolve(new URI(location));
        } catch (URISyntaxException e) {
            throw new MediaRefused("redirect to something not a URL");
        }
        if (redirects >= DownloadPolicy.MAX_REDIRECTS) {
            throw new MediaRefused("more than " + DownloadPolicy.MAX_REDIRECTS + " redirects");
        }
        boolean sameOrigin = to.getHost() != null && to.getHost().equalsIgnoreCase(from.getHost())
                && to.getScheme().equalsIgnoreCase(from.getScheme()) && to.getPort() == from.getPort();
        if (!sameOrigin) {
            throw new MediaRefused("redirect from " + from.getHost() + " to another host or scheme not followed");
        }
        return to;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private Downloaded copy(HttpGet get, OutputStream target) throws IOException {
        MessageDigest sha256 = sha256();
        long size;
        try (InputStream body = new CappedInputStream(get.body(), policy.maxBytes())) {
            size = body.transferTo(new DigestOutputStream(target, sha256));
        }
        return new Downloaded(get.header("content-type"), size, HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
