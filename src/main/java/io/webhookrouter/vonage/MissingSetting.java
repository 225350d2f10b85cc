package io.webhookrouter.vonage;

/** A setting the router cannot start without; the message names the environment variable to set. */
public final class MissingSetting extends IllegalStateException {

    public MissingSetting(String message) {
        super(message);
    }
}
