package io.webhookrouter.vonage.tools.simulator;

/**
 * The two ends of a conversation on a channel: ours (a number, a Facebook page, a Viber service) and the end
 * user's. Messenger and Viber use ids, not phone numbers (docs/operating.md, *What is stored*; Vonage's Messages
 * API). Numbers are from Ofcom's drama range.
 */
record Parties(String ours, String theirs) {

    static Parties on(String channel) {
        return switch (channel) {
            case "messenger" -> new Parties("107083064136738", "5424768170917223");
            case "viber_service" -> new Parties("16273", "447700900001");
            default -> new Parties("447700900000", "447700900001");
        };
    }
}
