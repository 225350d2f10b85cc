package io.webhookrouter.vonage.media;

import java.time.Duration;

/**
 * What a media download may do (the MEDIA_* settings).
 *
 * @param allowHttp plain http besides https: for tests against a local server only
 */
public record DownloadPolicy(HostAllowList allowedHosts, boolean allowHttp, long maxBytes, Duration connectTimeout,
                             Duration readTimeout) {

    /** Redirects followed, to the same host only: a media link that redirects elsewhere is refused. */
    static final int MAX_REDIRECTS = 3;
}
