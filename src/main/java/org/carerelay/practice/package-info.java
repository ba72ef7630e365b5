/**
 * The practice registry: practices (tenants) and their locations, providers, staff, patients with their contact
 * points and consents, appointment types and appointments.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Practice registry")
package org.carerelay.practice;
