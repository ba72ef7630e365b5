package org.carerelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class OperatorCommandParsingTests {

    @Test
    void optionsAloneStartTheServer() {
        assertThat(OperatorCommand.parse(new String[0])).isNull();
        assertThat(OperatorCommand.parse(new String[] {"--server.port=9090"})).isNull();
    }

    @Test
    void findsTheCommandBetweenOptionsAndPassesTheOptionsOn() {
        OperatorCommand command = OperatorCommand.parse(new String[] {"--logging.level.root=INFO", "audit", "verify"});
        assertThat(command.name()).isEqualTo("audit verify");
        assertThat(command.arguments()).isEqualTo(List.of("--logging.level.root=INFO"));
    }

    @Test
    void refusesAnUnknownCommand() {
        assertThatThrownBy(() -> OperatorCommand.parse(new String[] {"audit", "erase"}))
                .hasMessageContaining("Unknown command 'audit erase'");
        assertThatThrownBy(() -> OperatorCommand.parse(new String[] {"verify"}))
                .hasMessageContaining("Unknown command");
    }
}
