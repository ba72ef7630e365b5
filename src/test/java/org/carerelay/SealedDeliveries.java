package org.carerelay;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerelay.crypto.PhiCipher;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads deliveries' sealed columns as tests need them: {@code sql} selects the delivery's {@code id} and the column. */
public final class SealedDeliveries {

    private SealedDeliveries() {
    }

    public static List<String> open(ApplicationContext context, String column, String sql, Map<String, ?> params) {
        PhiCipher cipher = context.getBean(PhiCipher.class);
        return context.getBean(JdbcClient.class).sql(sql).params(params)
                .query((rs, n) -> cipher.open(rs.getString(column), "delivery." + column + ":"
                        + rs.getObject("id", UUID.class)))
                .list();
    }

    public static String single(ApplicationContext context, String column, String sql, Map<String, ?> params) {
        List<String> values = open(context, column, sql, params);
        if (values.size() != 1) {
            throw new IllegalStateException("Expected one delivery, found " + values.size());
        }
        return values.get(0);
    }
}
