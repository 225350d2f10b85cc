package io.webhookrouter.vonage.tools.simulator;

/**
 * A request the router must refuse: what is wrong with it, the event it pretends to carry, the bytes actually
 * sent, the Authorization header (null for none) and the answer a correct router gives.
 */
record Forgery(String name, String explanation, SimulatedEvent event, byte[] sentBody, String authorization,
               int expectedStatus) {
}
