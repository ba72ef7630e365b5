/**
 * The single outbound dispatch surface: every message to a patient (email, SMS, in-app) is requested through
 * {@link org.carerelay.messaging.Messages}, rendered from a versioned template, checked against consent, quiet
 * hours and minimum-necessary rules, queued as deliveries and sent by the dispatch workers through the
 * channel's provider.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Messaging hub")
package org.carerelay.messaging;
