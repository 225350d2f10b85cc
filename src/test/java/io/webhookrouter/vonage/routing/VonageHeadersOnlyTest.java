package io.webhookrouter.vonage.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class VonageHeadersOnlyTest {

    @Test
    void keepsTheRoutersOwnHeadersAndDropsTheBrokersAndCamels() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("VonageMessageUuid", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
        exchange.getMessage().setHeader("VonageChannel", "sms");
        exchange.getMessage().setHeader("JMSMessageID", "ID:1");
        exchange.getMessage().setHeader("JMSXGroupID", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
        exchange.getMessage().setHeader("_AMQ_DUPL_ID", "inbound:aaaaaaaa");
        exchange.getMessage().setHeader("CamelFileName", "elsewhere.json");
        exchange.getMessage().setHeader("Vonag", "not the prefix");

        new VonageHeadersOnly().process(exchange);

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("VonageMessageUuid", "VonageChannel");
    }

    @Test
    void ignoresCaseAsCamelsHeaderPatternsDo() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("vonageStatus", "delivered");

        new VonageHeadersOnly().process(exchange);

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("vonageStatus");
    }
}
