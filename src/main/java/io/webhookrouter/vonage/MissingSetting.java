package io.webhookrouter.vonage;

/**
 * A setting the router cannot start without, or one whose value it cannot use; the message names the environment
 * variable to set. The launcher prints it and exits with 2, without a stack trace.
 */
public final class MissingSetting extends IllegalStateException {

    public MissingSetting(String message) {
        super(message);
    }
}
