package org.carerelay.crypto;

import com.google.crypto.tink.KeysetHandle;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar carerelay.jar keys rotate}: adds a new primary AES-256-GCM key to the PHI keyset (in the key
 * file, or as a new version in the database) and prints {@code {"primaryKeyId": …, "keys": n}}. New values are
 * sealed with it once nodes read the keyset again (at start, or on meeting a value of the new key); the older
 * keys stay to open what they sealed. Values are not re-sealed.
 */
@Component
@ConditionalOnProperty(name = "carerelay.command", havingValue = "keys-rotate")
class KeysRotateCommand implements ApplicationRunner {

    private final KeysetSource keysets;
    private final JsonMapper json;

    KeysRotateCommand(KeysetSource keysets, JsonMapper json) {
        this.keysets = keysets;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        KeysetHandle rotated = keysets.rotate();
        // Tink's key ids are unsigned 32-bit numbers, as its keyset files show them.
        long primary = Integer.toUnsignedLong(rotated.getPrimary().getId());
        System.out.println(json.writeValueAsString(new Rotated(primary, rotated.size())));
    }

    record Rotated(long primaryKeyId, int keys) {
    }
}
