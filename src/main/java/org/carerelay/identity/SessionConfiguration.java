package org.carerelay.identity;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.SpringSessionTransactionManager;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Web sessions live in PostgreSQL, so any node serves any request. They end after 15 minutes without a request,
 * for every role; {@link ExpiredSessions} (not Spring Session's own cleanup) deletes them, so that each expiry
 * is audited. Not only for the web server: operator commands change passwords, which ends sessions.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcHttpSession(maxInactiveIntervalInSeconds = WebSessions.IDLE_TIMEOUT_SECONDS,
        cleanupCron = Scheduled.CRON_DISABLED)
class SessionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SessionConfiguration.class);

    static final String COOKIE = "CARERELAY_SESSION";

    /**
     * Sessions read and write through a plain transaction manager: the application's sets the practice of the
     * signed-in caller, and finding the caller means reading the session.
     */
    @Bean
    @SpringSessionTransactionManager
    PlatformTransactionManager sessionTransactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    /**
     * A session attribute that no longer reads (written by an older CareRelay whose classes changed) counts as
     * absent: its owner is simply signed out, instead of every request with that cookie failing.
     */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> tolerantAttributes() {
        return repository -> {
            GenericConversionService conversions = new GenericConversionService();
            conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
            DeserializingConverter deserializer =
                    new DeserializingConverter(SessionConfiguration.class.getClassLoader());
            conversions.addConverter(byte[].class, Object.class, bytes -> {
                try {
                    return deserializer.convert(bytes);
                } catch (SerializationFailedException e) {
                    log.info("A session attribute could not be read (written by another version); ignored");
                    return null;
                }
            });
            repository.setConversionService(conversions);
        };
    }

    @Bean
    CookieSerializer cookieSerializer(@Value("${carerelay.public-base-url}") String publicBaseUrl) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(COOKIE);
        cookie.setCookiePath("/");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        // Behind a TLS-terminating load balancer the request itself may look like plain HTTP: the public
        // address decides.
        cookie.setUseSecureCookie(publicBaseUrl.startsWith("https://"));
        return cookie;
    }
}
