/**
 * Triage of inbound patient messages: a category from a statistical model trained on a shipped corpus and each
 * practice's staff corrections, and the urgent and crisis flags from phrase rules that read negations and idioms.
 * {@link org.carerelay.inbox.triage.Triage} is the entry point.
 */
@org.springframework.modulith.NamedInterface("triage")
package org.carerelay.inbox.triage;
