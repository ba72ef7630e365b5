/**
 * The staff console: server-rendered pages under {@code /console} for the practice's staff (inbox, schedule,
 * dashboard, templates, settings, audit viewer as they arrive), using the other modules through their APIs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Staff console")
package org.carerelay.console;
