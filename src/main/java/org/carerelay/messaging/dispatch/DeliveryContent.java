package org.carerelay.messaging.dispatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.carerelay.crypto.PhiCipher;
import org.springframework.stereotype.Component;

/**
 * A delivery's subject and texts as stored: sealed for their row and column ({@link PhiCipher}), so a database
 * reader, a backup or a copy of one row's value into another reveals nothing. Rows written before sealing are
 * read as they are.
 */
@Component
public class DeliveryContent {

    private final PhiCipher cipher;

    DeliveryContent(PhiCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * {@code value} sealed for {@code column} (subject, body_text, body_html, and an e-mail reply's in_reply_to and
     * email_references, which name the patient's own mail) of delivery {@code id}.
     */
    public String seal(UUID id, String column, String value) {
        return cipher.seal(value, place(id, column));
    }

    /** {@code column} of the delivery row at {@code rs}, whose {@code id} column is the delivery's id. */
    public String open(ResultSet rs, String column) throws SQLException {
        return cipher.open(rs.getString(column), place(rs.getObject("id", UUID.class), column));
    }

    private static String place(UUID id, String column) {
        return "delivery." + column + ":" + id;
    }
}
