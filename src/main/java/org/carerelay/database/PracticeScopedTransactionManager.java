package org.carerelay.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.carerelay.shared.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Tells PostgreSQL, at the start of every transaction made for a signed-in caller, which practice the caller acts
 * for ({@code carerelay.practice_id}, local to the transaction). Row-level security on the PHI tables then hides
 * every other practice's rows, so a query that forgets its {@code practice_id} condition still cannot leak. Work
 * with no caller (dispatch, webhooks before they know the practice, sign-in, operator commands) sets nothing and
 * sees every practice, scoping its queries itself.
 */
class PracticeScopedTransactionManager extends JdbcTransactionManager {

    PracticeScopedTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            try (PreparedStatement scope = connection.prepareStatement(
                    "SELECT set_config('carerelay.practice_id', ?, true)")) {
                scope.setString(1, caller.practice().toString());
                scope.execute();
            }
        }
    }
}
