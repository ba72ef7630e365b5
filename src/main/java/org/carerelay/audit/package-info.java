/**
 * The append-only, hash-chained audit log: every state change and every view of PHI, written in the same
 * transaction as the change, and verification of the chain.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit log")
package org.carerelay.audit;
