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
    void passesACommandsOperandsOn() {
        OperatorCommand command = OperatorCommand.parse(new String[] {"triage", "evaluate", "heldout.jsonl"});
        assertThat(command.name()).isEqualTo("triage evaluate");
        assertThat(command.operands()).isEqualTo(List.of("heldout.jsonl"));
        assertThatThrownBy(() -> OperatorCommand.parse(new String[] {"triage", "evaluate"}))
                .hasMessage("Usage: triage evaluate <file.jsonl>");
        assertThatThrownBy(() -> OperatorCommand.parse(new String[] {"audit", "verify", "extra"}))
                .hasMessageContaining("Unknown command 'audit verify extra'");
    }

    @Test
    void refusesAnUnknownCommand() {
        assertThatThrownBy(() -> OperatorCommand.parse(new String[] {"audit", "erase"}))
                .hasMessageContaining("Unknown command 'audit erase'");
        assertThatThrownBy(() -> OperatorCommand.parse(new String[] {"verify"}))
                .hasMessageContaining("Unknown command");
    }
}
