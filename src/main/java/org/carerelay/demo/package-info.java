/**
 * The demo practice of local mode: seeded on the first start with an empty database so that a new user has
 * something to look at, with a Clinic Admin API token printed at every start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo practice")
package org.carerelay.demo;
