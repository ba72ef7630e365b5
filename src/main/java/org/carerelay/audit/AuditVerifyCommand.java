package org.carerelay.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar carerelay.jar audit verify}: recomputes every practice's chain, prints the outcome as JSON
 * and exits 0 when the chain holds, 1 when it is broken.
 */
@Component
@ConditionalOnProperty(name = "carerelay.command", havingValue = "audit-verify")
class AuditVerifyCommand implements ApplicationRunner, ExitCodeGenerator {

    private final AuditLog auditLog;
    private final JsonMapper json;
    private int exitCode;

    AuditVerifyCommand(AuditLog auditLog, JsonMapper json) {
        this.auditLog = auditLog;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        ChainVerification verification = auditLog.verifyAll();
        System.out.println(json.writeValueAsString(verification));
        exitCode = verification.ok() ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
