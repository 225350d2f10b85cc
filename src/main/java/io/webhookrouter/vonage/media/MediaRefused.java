package io.webhookrouter.vonage.media;

import java.io.IOException;

import io.webhookrouter.vonage.routing.PermanentFailure;

/**
 * A download that trying again cannot make succeed: a URL that is not allowed, a 4xx answer, a body over the cap,
 * a link past its lifetime. The event goes to vonage.dead with this message as its reason, at once.
 */
public final class MediaRefused extends IOException implements PermanentFailure {

    public MediaRefused(String reason) {
        super(reason);
    }
}
