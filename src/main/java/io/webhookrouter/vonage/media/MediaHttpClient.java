package io.webhookrouter.vonage.media;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client of media downloads, made to do only what {@link MediaDownloader} checks: names resolved through
 * the {@link CheckedDnsResolver}, no redirect followed on its own (the downloader decides), no retry of its own
 * (the broker's back-off owns retries), bytes stored as they came (no transparent decompression, which would also
 * make the size cap count something else), no cookies, and the connect and read timeouts of the settings.
 * TLS verifies the certificate chain against the given trust and the certificate against the URL's host name.
 */
final class MediaHttpClient {

    private MediaHttpClient() {
    }

    static CloseableHttpClient create(DownloadPolicy policy, CheckedDnsResolver.Resolver resolver, SSLContext tls) {
        Timeout connect = Timeout.ofMilliseconds(policy.connectTimeout().toMillis());
        Timeout read = Timeout.ofMilliseconds(policy.readTimeout().toMillis());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedDnsResolver(resolver, policy.allowedHosts()))
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(read)
                                .build())
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).build())
                        // a server that stalls the handshake is bounded like one that stalls the body
                        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(read).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("vonage-webhook-router")
                .build();
    }
}
