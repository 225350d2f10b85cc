package io.webhookrouter.vonage.tools;

/** A command line that cannot be run as given; the tool prints the message and a pointer to {@code --help}. */
public final class UsageError extends Exception {

    public UsageError(String message) {
        super(message);
    }
}
