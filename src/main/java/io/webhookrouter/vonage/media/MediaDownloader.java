package io.webhookrouter.vonage.media;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.ssl.SSLContexts;

/**
 * Downloads one media URL into a stream, within the {@link DownloadPolicy}: https only, allowed hosts only, a
 * checked (public, unless the host is listed by name) address, same-host redirects only, and the size cap counted
 * while the bytes come. A refusal is a {@link MediaRefused}; an answer worth retrying a {@link MediaUnavailable};
 * any other IOException (a timeout, a cut connection, a failed TLS handshake) is retried too.
 */
final class MediaDownloader implements Closeable {

    private final DownloadPolicy policy;
    private final CloseableHttpClient client;
    /** The Authorization header's value for each download; null when Secure Inbound Media is not configured. */
    private final Supplier<String> authorization;

    /** TLS trusts the JDK's default trust store, as every other https client of the JVM. */
    MediaDownloader(DownloadPolicy policy, CheckedDnsResolver.Resolver resolver, Supplier<String> authorization) {
        this(policy, resolver, SSLContexts.createSystemDefault(), authorization);
    }

    MediaDownloader(DownloadPolicy policy, CheckedDnsResolver.Resolver resolver, SSLContext tls,
                    Supplier<String> authorization) {
        this.policy = policy;
        this.client = MediaHttpClient.create(policy, resolver, tls);
        this.authorization = authorization;
    }

    Downloaded download(String url, OutputStream target) throws IOException {
        URI uri = allowed(parse(url));
        for (int redirects = 0; ; redirects++) {
            HttpGet request = request(uri);
            ClassicHttpResponse response = execute(request);
            try {
                int status = response.getCode();
                Header location = response.getFirstHeader(HttpHeaders.LOCATION);
                if (isRedirect(status) && location != null) {
                    uri = redirected(uri, location.getValue(), redirects);
                    continue;
                }
                if (status == 429 || status >= 500) {
                    throw new MediaUnavailable("HTTP " + status + " from " + uri.getHost());
                }
                if (status != 200 || response.getEntity() == null) {
                    throw new MediaRefused("HTTP " + status + " from " + uri.getHost());
                }
                return copy(response.getEntity(), target);
            } finally {
                // Closing an answer reads what is left of its body, to keep the connection: not for a body that is
                // refused, over the cap or unread, which could be endless. Cut it instead; a body read to its end
                // has already given its connection back.
                request.cancel();
                closeCut(response);
            }
        }
    }

    /** After a cut, closing fails on the closed socket or not at all; either way there is nothing left to say. */
    private static void closeCut(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException alreadyCut) {
            // the download's own outcome, already decided, is what counts
        }
    }

    private HttpGet request(URI uri) {
        HttpGet request = new HttpGet(uri);
        request.setHeader(HttpHeaders.ACCEPT, "*/*");
        // the stored bytes must be the media's own, and the size cap must count them
        request.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
        String value = authorization.get();
        if (value != null) {
            request.setHeader(HttpHeaders.AUTHORIZATION, value);
        }
        return request;
    }

    private ClassicHttpResponse execute(HttpGet request) throws IOException {
        try {
            return client.executeOpen(null, request, null);
        } catch (CheckedDnsResolver.AddressRefused e) {
            throw new MediaRefused(e.getMessage());
        }
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

    /** The token goes to the media host only: a redirect elsewhere is refused, not followed without it. */
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

    private Downloaded copy(HttpEntity entity, OutputStream target) throws IOException {
        if (entity.getContentLength() > policy.maxBytes()) {
            throw new MediaRefused("Content-Length " + entity.getContentLength() + " over MEDIA_MAX_BYTES ("
                    + policy.maxBytes() + " bytes)");
        }
        MessageDigest sha256 = sha256();
        // the cap is counted on the bytes themselves: a Content-Length can lie, and a chunked body has none.
        // Not closed here: closing reads the rest, which after a refusal is the caller's to cut (see download).
        InputStream body = new CappedInputStream(entity.getContent(), policy.maxBytes());
        long size = body.transferTo(new DigestOutputStream(target, sha256));
        return new Downloaded(entity.getContentType(), size, HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Closes the client's pooled connections. */
    @Override
    public void close() throws IOException {
        client.close();
    }
}
