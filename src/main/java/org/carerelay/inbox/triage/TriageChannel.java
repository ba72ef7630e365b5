package org.carerelay.inbox.triage;

import com.fasterxml.jackson.annotation.JsonAlias;

/** The channel a message arrived on; an e-mail's quoted reply history is left out of its triage. */
public enum TriageChannel {
    SMS,
    EMAIL,
    @JsonAlias("voicemail")
    VOICE,
    @JsonAlias("in_app")
    PORTAL
}
