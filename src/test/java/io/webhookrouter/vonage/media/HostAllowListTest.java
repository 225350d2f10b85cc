package io.webhookrouter.vonage.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostAllowListTest {

    private final HostAllowList defaults = HostAllowList.parse("api.nexmo.com, *.nexmo.com,*.vonage.com,,");

    @Test
    void allowsAListedHostInAnyCaseAndWithATrailingDot() {
        assertThat(defaults.allows("api.nexmo.com")).isTrue();
        assertThat(defaults.allows("API.Nexmo.COM.")).isTrue();
    }

    @Test
    void allowsAnyNameBelowAWildcardButNotTheDomainItself() {
        assertThat(defaults.allows("api-eu.nexmo.com")).isTrue();
        assertThat(defaults.allows("a.b.vonage.com")).isTrue();
        assertThat(defaults.allows("vonage.com")).isFalse();
    }

    @Test
    void refusesLookalikeHosts() {
        assertThat(defaults.allows("evilnexmo.com")).isFalse();
        assertThat(defaults.allows("api.nexmo.com.evil.org")).isFalse();
        assertThat(defaults.allows("127.0.0.1")).isFalse();
    }

    @Test
    void listsExactlyOnlyHostsNamedWithoutAWildcard() {
        assertThat(defaults.listsExactly("api.nexmo.com")).isTrue();
        assertThat(defaults.listsExactly("api-eu.nexmo.com")).isFalse();
        assertThat(HostAllowList.parse("127.0.0.1").listsExactly("127.0.0.1")).isTrue();
    }

    @Test
    void anEmptyListAllowsNothing() {
        assertThat(HostAllowList.parse(" ").allows("api.nexmo.com")).isFalse();
    }
}
