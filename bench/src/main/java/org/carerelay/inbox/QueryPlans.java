package org.carerelay.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.carerelay.shared.Caller;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Prints what one service call runs: each statement, and for each query its plan with EXPLAIN (ANALYZE, BUFFERS),
 * run as the application's database account with the caller's practice scope set, so row-level security is in
 * the plan as it is in production. The statements are recorded from the real call, not written out again here.
 * Below each plan, the generic plan: the one PostgreSQL may switch to once a statement has been prepared and run
 * a few times on a connection, which knows no parameter's value.
 */
final class QueryPlans {

    private final DataSource dataSource;

    QueryPlans(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void print(String title, Caller caller, Runnable call) throws SQLException {
        List<StatementRecorder.Statement> statements = StatementRecorder.record(() -> as(caller, call));
        System.out.printf("%n=== %s: %d statements%n", title, statements.size());
        for (StatementRecorder.Statement statement : statements) {
            String sql = statement.sql().strip().replaceAll("\\s+", " ");
            boolean query = sql.regionMatches(true, 0, "SELECT", 0, 6) && !sql.contains("set_config(")
                    && !sql.contains("audit_chain_head(");
            System.out.printf("%n-- %s%n", sql.length() > 300 && !query ? sql.substring(0, 300) + " …" : sql);
            if (query) {
                explain(caller, statement.sql(), statement.params());
            }
        }
    }

    private void explain(Caller caller, String sql, Map<Integer, Object> params) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement scope = connection.prepareStatement(
                    "SELECT set_config('carerelay.practice_id', ?, true)")) {
                scope.setString(1, caller.practice().toString());
                scope.execute();
            }
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                for (Map.Entry<Integer, Object> param : params.entrySet()) {
                    explain.setObject(param.getKey(), param.getValue());
                }
                try (ResultSet plan = explain.executeQuery()) {
                    while (plan.next()) {
                        System.out.println("   " + plan.getString(1));
                    }
                }
            }
            try (Statement generic = connection.createStatement()) {
                generic.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                generic.execute("PREPARE bench_plan AS " + numbered(sql));
                try (ResultSet plan = generic.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) EXECUTE bench_plan("
                        + String.join(", ", params.values().stream().map(QueryPlans::literal).toList()) + ")")) {
                    System.out.println("   generic plan (what a statement prepared and run often may switch to):");
                    while (plan.next()) {
                        System.out.println("     " + plan.getString(1));
                    }
                } finally {
                    generic.execute("DEALLOCATE bench_plan");
                }
            } finally {
                connection.rollback();
            }
        }
    }

    /** JDBC's {@code ?} placeholders as PostgreSQL's {@code $1, $2 …} (none of these queries has a literal ?). */
    private static String numbered(String sql) {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++n : String.valueOf(c));
        }
        return numbered.toString();
    }

    /** A parameter as an SQL literal of unknown type, which PostgreSQL casts to the parameter's type. */
    private static String literal(Object value) {
        return value == null ? "NULL" : "'" + value.toString().replace("'", "''") + "'";
    }

    private static void as(Caller caller, Runnable call) {
        var authorities = caller.permissions().stream().map(SimpleGrantedAuthority::new).toList();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PreAuthenticatedAuthenticationToken(caller, null, authorities));
        SecurityContextHolder.setContext(context);
        try {
            call.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
