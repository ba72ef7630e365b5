package org.carerelay.browser;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;

/** What an authenticator app would show for a secret: the code of this 30-second step, or of the next. */
final class TotpCodes {

    private TotpCodes() {
    }

    static String now(String secret) {
        return at(secret, 0);
    }

    static String next(String secret) {
        return at(secret, 1);
    }

    private static String at(String secret, int stepsAhead) {
        try {
            long step = System.currentTimeMillis() / 1000 / 30 + stepsAhead;
            return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }
}
