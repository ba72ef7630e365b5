/**
 * Scheduling: when providers work (weekly templates per location, exceptions, time off), which slots are open for
 * a type of visit, booking into them (a database constraint forbids double booking; a taken slot answers with
 * alternatives); confirmations and reminders on durable timers, with one-tap links and texted replies; patients'
 * own changes within the practice's cut-off; and the waitlist that backfills a freed slot.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Scheduling")
package org.carerelay.scheduling;
