package io.webhookrouter.vonage.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.server.JournalType;
import org.junit.jupiter.api.Test;

/** The start-up log names the journal type, and for NIO what ASYNCIO would need. */
class EmbeddedBrokerJournalTypeTest {

    @Test
    void aNioJournalIsLoggedWithWhatAsyncIoWouldNeedWhenTheNativeLibraryIsMissing() {
        assumeFalse(AIOSequentialFileFactory.isSupported(), "Artemis's native library is on java.library.path here");
        assertThat(EmbeddedBroker.journalTypeAndWhy(JournalType.NIO))
                .startsWith("NIO: ")
                .contains("libaio", "libartemis-native-64.so", "java.library.path");
    }

    @Test
    void anAsyncIoJournalIsLoggedByItsName() {
        assertThat(EmbeddedBroker.journalTypeAndWhy(JournalType.ASYNCIO)).isEqualTo("ASYNCIO");
    }
}
