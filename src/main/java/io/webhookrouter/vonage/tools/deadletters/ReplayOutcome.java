package io.webhookrouter.vonage.tools.deadletters;

/** What became of one message the operator asked to replay. */
record ReplayOutcome(Result result, String messageId, String detail) {

    enum Result { REPLAYED, NOT_FOUND, FAILED }

    static ReplayOutcome replayed(String messageId, String event) {
        return new ReplayOutcome(Result.REPLAYED, messageId, event);
    }

    static ReplayOutcome notFound(String messageId) {
        return new ReplayOutcome(Result.NOT_FOUND, messageId, null);
    }

    static ReplayOutcome failed(String messageId, String reason) {
        return new ReplayOutcome(Result.FAILED, messageId, reason);
    }
}
