/**
 * Who may do what: roles and the permission matrix (data, seeded by migration), API bearer tokens, and the
 * security configuration that checks them on every request. Staff and patient sign-in build on this.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and access")
package org.carerelay.identity;
