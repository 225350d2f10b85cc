package io.webhookrouter.vonage.routing;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * How long and how often a failing delivery is retried: the first retry after {@code initialDelay}, the delay
 * multiplied by {@code multiplier} up to {@code maxDelay}, for {@code retryFor} in all (docs/reliability.md,
 * *Delivery, retries and dead letters*: like Vonage's own policy, 1 s doubling to 5 min for 24 h).
 * <p>
 * The broker owns the waiting (its redelivery delay survives a crash and does not block the queue); the routes
 * only ask {@link #isLastAttempt} to decide when a failure goes to the dead-letter queue with its reason.
 */
public final class DeliveryPolicy {

    /** Artemis's delivery-count header, as Camel's JMS component exposes it. */
    public static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final int maxAttempts;

    public DeliveryPolicy(Duration initialDelay, double multiplier, Duration maxDelay, Duration retryFor) {
        if (initialDelay.isNegative() || initialDelay.isZero() || multiplier < 1 || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delivery policy needs 0 < initial delay <= max delay and multiplier >= 1");
        }
        this.initialDelay = initialDelay;
        this.multiplier = multiplier;
        this.maxDelay = maxDelay;
        this.maxAttempts = attemptsWithin(retryFor);
    }

    private int attemptsWithin(Duration retryFor) {
        int attempts = 1;
        double waited = 0;
        double delay = initialDelay.toMillis();
        while (waited + delay <= retryFor.toMillis()) {
            waited += delay;
            attempts++;
            delay = Math.min(delay * multiplier, maxDelay.toMillis());
        }
        return attempts;
    }

    /** Deliveries in all, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public double multiplier() {
        return multiplier;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    /**
     * True when the delivery that just failed was the last one the policy allows, or failed for a reason no retry
     * can cure ({@link PermanentFailure}). The count is read from the message as it was consumed, since a route may
     * have replaced the headers since (an email, say).
     */
    public boolean isLastAttempt(Exchange exchange) {
        if (isPermanent(exchange.getException()) || isPermanent(exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                Throwable.class))) {
            return true;
        }
        Message consumed = exchange.getUnitOfWork() == null ? null : exchange.getUnitOfWork().getOriginalInMessage();
        Integer deliveryCount = (consumed != null ? consumed : exchange.getIn()).getHeader(DELIVERY_COUNT, Integer.class);
        return isLastAttempt(deliveryCount);
    }

    private static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PermanentFailure) {
                return true;
            }
        }
        return false;
    }

    /** A message without a delivery count did not come from the broker, and cannot be retried by it. */
    boolean isLastAttempt(Integer deliveryCount) {
        return deliveryCount == null || deliveryCount >= maxAttempts;
    }
}
