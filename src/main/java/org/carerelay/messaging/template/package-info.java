/**
 * Message templates: versioned per practice, key and language, with shipped defaults, rendering and previews.
 * Other modules use them through this named interface (the staff console's template editor).
 */
@org.springframework.modulith.NamedInterface("templates")
package org.carerelay.messaging.template;
