package io.webhookrouter.vonage.media;

import java.io.IOException;

/** The media server answered 5xx or 429: worth trying again after the outbox back-off. */
public final class MediaUnavailable extends IOException {

    public MediaUnavailable(String reason) {
        super(reason);
    }
}
