package org.carerelay.inbox;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records the SQL statements a thread runs, with their parameters, while it asks to: the benchmark calls the
 * service layer for a page or a conversation and then explains exactly the queries that ran, and counts them (an
 * N+1 shows as a long list). Wraps the application's DataSource; outside a recording a JDBC call only passes
 * through one more delegation.
 */
final class StatementRecorder {

    /** One statement as run: its SQL and its parameters by position. */
    record Statement(String sql, Map<Integer, Object> params) {
    }

    private static final ThreadLocal<List<Statement>> RECORDING = new ThreadLocal<>();

    private StatementRecorder() {
    }

    /** The statements {@code work} runs on this thread. */
    static List<Statement> record(Runnable work) {
        List<Statement> statements = new ArrayList<>();
        RECORDING.set(statements);
        try {
            work.run();
        } finally {
            RECORDING.remove();
        }
        return statements;
    }

    /** Added to the application's sources: wraps its DataSource. */
    static class Configuration {
        @Bean
        static BeanPostProcessor statementRecordingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource && !(bean instanceof RecordingDataSource)
                            ? new RecordingDataSource(dataSource) : bean;
                }
            };
        }
    }

    private static final class RecordingDataSource extends DelegatingDataSource {

        RecordingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return recording(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return recording(super.getConnection(username, password));
        }
    }

    private static Connection recording(Connection connection) {
        return (Connection) Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (RECORDING.get() != null && method.getName().equals("prepareStatement")
                            && result instanceof PreparedStatement statement) {
                        return recording(statement, (String) args[0]);
                    }
                    return result;
                });
    }

    private static PreparedStatement recording(PreparedStatement statement, String sql) {
        Map<Integer, Object> params = new TreeMap<>();
        return (PreparedStatement) Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    boolean parameter = name.startsWith("set") && args != null && args.length >= 2;
                    if (parameter && args[0] instanceof Integer index) {
                        params.put(index, name.equals("setNull") ? null : args[1]);
                    } else if (name.startsWith("execute") && RECORDING.get() != null) {
                        RECORDING.get().add(new Statement(sql, new TreeMap<>(params)));
                    }
                    return invoke(statement, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
