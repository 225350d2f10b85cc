package io.webhookrouter.vonage.broker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class BeforeCommitTest {

    private final BeforeCommit batch = new BeforeCommit();

    @Test
    void takesWorkOnItsBatchsThreadBeforeItRuns() {
        assertThat(batch.takesWorkHere()).isTrue();
        assertThat(batch.work("kind", Nothing::new)).isSameAs(batch.work("kind", Nothing::new));
    }

    @Test
    void refusesWorkLeftAfterItRanWhichWouldNeverRun() throws Exception {
        batch.run();

        assertThat(batch.takesWorkHere()).isFalse();
        assertThatThrownBy(() -> batch.work("kind", Nothing::new))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("after it ran");
    }

    @Test
    void refusesWorkFromAnotherThreadWhichMayComeAfterTheCommit() {
        // a wireTap's copy of the exchange, for one
        CompletableFuture<Boolean> takes = CompletableFuture.supplyAsync(batch::takesWorkHere);
        CompletableFuture<Object> left = CompletableFuture.supplyAsync(() -> batch.work("kind", Nothing::new));

        assertThat(takes.join()).isFalse();
        assertThatThrownBy(left::join).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not on the batch's thread");
    }

    private static final class Nothing implements BeforeCommit.Work {
        @Override
        public void run() {
        }
    }
}
