package io.webhookrouter.vonage.broker;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;

/**
 * Artemis refusing a transaction because one of its messages carries a duplicate-detection key
 * ({@code _AMQ_DUPL_ID}) that the address has stored already.
 */
public final class DuplicateRefusal {

    /** Artemis's duplicate-detection header: the broker drops a second message with the same value. */
    public static final String DUPLICATE_ID_PROPERTY = "_AMQ_DUPL_ID";

    private DuplicateRefusal() {
    }

    /** True when the failure (a commit's, say) is, or was caused by, such a refusal. */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ActiveMQException artemis
                    && artemis.getType() == ActiveMQExceptionType.DUPLICATE_ID_REJECTED) {
                return true;
            }
        }
        return false;
    }
}
