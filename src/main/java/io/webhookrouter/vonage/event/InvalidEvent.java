package io.webhookrouter.vonage.event;

/** A verified body that is not a JSON object with the required fields; it is parked, never rejected. */
public final class InvalidEvent extends Exception {

    public InvalidEvent(String reason) {
        super(reason, null, false, false);
    }
}
