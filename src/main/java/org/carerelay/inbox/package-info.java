/**
 * The unified inbox: every message that reaches the practice (SMS, e-mail, voicemail, portal) matched to its
 * patient, threaded into conversations across channels, triaged, routed to a queue and put on a reply clock in
 * the location's business hours. Replies go out through the messaging hub.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Unified inbox")
package org.carerelay.inbox;
