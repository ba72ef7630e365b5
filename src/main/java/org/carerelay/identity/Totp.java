package org.carerelay.identity;

import java.time.Clock;
import java.util.OptionalLong;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import org.springframework.stereotype.Component;

/**
 * RFC 6238 time-based one-time codes: SHA-1, 6 digits, 30-second steps, as every authenticator app reads them.
 * A code is accepted for the step before and after the current one (clock drift), and only for a step later than
 * the last one accepted, so an overheard code cannot be used again.
 */
@Component
class Totp {

    static final int PERIOD_SECONDS = 30;
    private static final int DIGITS = 6;

    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private final Clock clock;

    Totp(Clock clock) {
        this.clock = clock;
    }

    /** A new 160-bit secret, base32. */
    String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    /** The step the code belongs to, if it is right for {@code secret} now and later than {@code lastStep}. */
    OptionalLong verify(String secret, String code, Long lastStep) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long now = currentStep();
        for (long step = now - 1; step <= now + 1; step++) {
            if (lastStep != null && step <= lastStep) {
                continue;
            }
            if (Secrets.same(codeAt(secret, step), code)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    String codeAt(String secret, long step) {
        try {
            return codes.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("Could not compute a one-time code", e);
        }
    }

    long currentStep() {
        return clock.millis() / 1000 / PERIOD_SECONDS;
    }

    /** The otpauth:// QR code an authenticator app scans, as a data: URI for an img tag. */
    String qrCode(String secret, String issuer, String account) {
        QrData data = new QrData.Builder().label(account).secret(secret).issuer(issuer)
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build();
        try {
            ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
            generator.setImageSize(240);
            return Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType());
        } catch (QrGenerationException e) {
            throw new IllegalStateException("Could not draw the QR code", e);
        }
    }
}
