/**
 * Messages that reach the practice: texts (with their STOP/START/HELP keywords), e-mail and voicemail, kept and
 * handed to the inbox. Open to other modules so that they (the demo practice) can receive as a provider would.
 */
@org.springframework.modulith.NamedInterface("inbound")
package org.carerelay.messaging.inbound;
