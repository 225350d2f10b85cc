package io.webhookrouter.vonage.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.signature.WebhookSigner;
import io.webhookrouter.vonage.support.ArtemisServer;
import io.webhookrouter.vonage.support.Destinations;
import io.webhookrouter.vonage.support.Ledger;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;
import io.webhookrouter.vonage.support.WebhookLoad;

/**
 * Two routers behind one address on one standalone Artemis: events spread over both, one is killed mid-load,
 * nothing acknowledged is lost, and a callback retried on the other router is routed once.
 */
class TwoRoutersOneBrokerIT {

    @Test
    void losesNothingWhenOneOfTwoRoutersDiesAndRoutesARetryOnTheOtherOnce() throws Exception {
        Ledger ledger = new Ledger();
        try (ArtemisServer broker = new ArtemisServer("scale-out").start();
             RouterProcess first = broker.router("scale-out-1").start();
             RouterProcess second = broker.router("scale-out-2").start()) {
            RouterProcess[] routers = {first, second};
            AtomicInteger turn = new AtomicInteger();

            // the same callback delivered to one router and retried on the other
            WebhookSigner signer = new WebhookSigner(RouterTestSupport.SECRET, "abc123", "app-1");
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 50; i++) {
                String uuid = UUID.randomUUID().toString();
                byte[] body = Samples.withUuid("status-delivered", uuid).getBytes(StandardCharsets.UTF_8);
                for (RouterProcess router : routers) {
                    HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(router.webhook("status"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Authorization", signer.authorization(body, Instant.now()))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    assertThat(answer.statusCode()).isEqualTo(200);
                    ledger.answered("status:" + uuid + ":delivered", answer.statusCode());
                }
            }

            // a load balancer's round robin over both
            try (WebhookLoad load = new WebhookLoad(() -> next(routers, turn, "inbound"),
                    () -> next(routers, turn, "status"), ledger).start(16, 3000, Duration.ofMinutes(4))) {
                await().atMost(Duration.ofMinutes(1)).until(() -> ledger.acknowledged().size() >= 800);
                first.kill();
                // ended by its count of events; the deadline only bounds a router that hangs
                load.awaitDone(Duration.ofMinutes(4));
            }

            Destinations.drainInto(ledger, broker.urlWithLogin(), Duration.ofMinutes(2));
            System.out.println("two routers, one killed: " + ledger);
            assertThat(ledger.acknowledged()).hasSizeGreaterThan(1500);
            assertThat(ledger.lost()).as("acknowledged but never delivered").isEmpty();
            assertThat(ledger.duplicates()).as("routed twice").isEmpty();
        }
    }

    private static URI next(RouterProcess[] routers, AtomicInteger turn, String webhook) {
        return routers[Math.floorMod(turn.getAndIncrement(), routers.length)].webhook(webhook);
    }
}
