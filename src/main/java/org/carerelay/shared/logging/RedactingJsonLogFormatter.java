package org.carerelay.shared.logging;

import java.util.Map;
import java.util.TreeMap;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * One JSON object per log line, with the message, MDC values and stack trace passed through
 * {@link PhiRedactor}. Selected by {@code logging.structured.format.console} in application.yml.
 */
public class RedactingJsonLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private final JsonWriter<ILoggingEvent> writer = JsonWriter.<ILoggingEvent>of(members -> {
        members.add("@timestamp", ILoggingEvent::getInstant).as(Object::toString);
        members.add("level", ILoggingEvent::getLevel).as(Object::toString);
        members.add("logger", ILoggingEvent::getLoggerName);
        members.add("thread", ILoggingEvent::getThreadName);
        members.add("message", ILoggingEvent::getFormattedMessage).as(PhiRedactor::redact);
        members.add("mdc", RedactingJsonLogFormatter::redactedMdc).whenNot(Map::isEmpty);
        members.add("error", ILoggingEvent::getThrowableProxy).whenNotNull().usingMembers(error -> {
            error.add("type", IThrowableProxy::getClassName);
            error.add("message", IThrowableProxy::getMessage).as(PhiRedactor::redact);
            error.add("stackTrace", ThrowableProxyUtil::asString).as(PhiRedactor::redact);
        });
    }).withNewLineAtEnd();

    @Override
    public String format(ILoggingEvent event) {
        return writer.writeToString(event);
    }

    private static Map<String, String> redactedMdc(ILoggingEvent event) {
        Map<String, String> mdc = new TreeMap<>();
        event.getMDCPropertyMap().forEach((key, value) -> mdc.put(key, PhiRedactor.redact(value)));
        return mdc;
    }
}
