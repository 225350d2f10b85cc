package io.webhookrouter.vonage.routing;

/**
 * Marks a delivery failure that no retry can cure (a refused URL, a 404, a body over a limit): the dead-letter
 * handler of {@code routes/delivery.camel.yaml} treats the attempt that threw it as the last one, so the event
 * goes to vonage.dead at once instead of after the whole back-off.
 */
public interface PermanentFailure {
}
