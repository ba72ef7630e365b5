/**
 * The few types every module shares: the practice (tenant) identity, the caller of a request, list pages,
 * problem details for the API and the PHI-redacting log format.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.carerelay.shared;
