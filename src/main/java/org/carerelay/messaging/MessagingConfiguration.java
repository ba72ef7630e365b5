package org.carerelay.messaging;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The dispatch workers run on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MessagingConfiguration {
}
