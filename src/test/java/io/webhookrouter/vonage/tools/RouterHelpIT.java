package io.webhookrouter.vonage.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.webhookrouter.vonage.support.ToolProcess;

/** {@code java -jar vonage-webhook-router.jar --help} tells the router's own commands, not Camel's runner options. */
class RouterHelpIT {

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpListsTheRoutersCommandsAndPointsToTheReadme(String flag) throws Exception {
        ToolProcess.Result help = ToolProcess.run(Map.of(), flag);

        assertThat(help.exitCode()).isZero();
        assertThat(help.output())
                .contains("run ", "simulate ", "dead-letters ", "README.md")
                .doesNotContain("Apache Camel Runner");
    }
}
