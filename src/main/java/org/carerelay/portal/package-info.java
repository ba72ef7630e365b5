/**
 * The patient portal: server-rendered pages under {@code /portal} for a signed-in patient, using the other
 * modules through their APIs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Patient portal")
package org.carerelay.portal;
