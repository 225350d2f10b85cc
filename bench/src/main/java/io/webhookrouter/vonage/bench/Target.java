package io.webhookrouter.vonage.bench;

/** The servers a run compares: two baselines and the router itself. */
public enum Target {
    RAW("RAW", "minimal Vert.x HTTP server answering 200", RawVertxServer.class),
    PLAIN_CAMEL("PLAIN CAMEL", "camel-main, platform-http route answering 200", PlainCamelServer.class),
    ROUTER("ROUTER", "target/vonage-webhook-router.jar with its `config/jvm.options` (as the README runs it): verification + persistent broker send", null);

    private final String label;
    private final String description;
    private final Class<?> mainClass;

    Target(String label, String description, Class<?> mainClass) {
        this.label = label;
        this.description = description;
        this.mainClass = mainClass;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The baseline's main class on the harness's classpath; null for the router, which runs from its jar. */
    public Class<?> mainClass() {
        return mainClass;
    }

    /** The router de-duplicates and is audited, so it must never see the same request twice. */
    public boolean needsDistinctRequests() {
        return this == ROUTER;
    }
}
