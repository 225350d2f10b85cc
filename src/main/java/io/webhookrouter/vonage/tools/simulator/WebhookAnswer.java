package io.webhookrouter.vonage.tools.simulator;

/** What the router answered: the status code, the status line to print, and the body. */
record WebhookAnswer(int status, String statusLine, String body) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
