package io.webhookrouter.vonage.broker;

/** The broker did not confirm a persistent send: the event is not known to be stored. */
public final class HandoffFailed extends Exception {

    public HandoffFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
