/**
 * Typed runtime settings per practice (sender identity, providers, quiet hours, webhook secrets), each with a
 * fallback fixed in deployed configuration that is used whenever the stored value cannot be used.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Settings")
package org.carerelay.settings;
