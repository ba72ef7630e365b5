package org.carerelay.inbox;

/**
 * What a patient whose message reads as urgent or a crisis is told to do now: call 911 in an emergency, call the
 * practice's on-call number, and for a crisis call or text 988 (the Suicide &amp; Crisis Lifeline).
 *
 * @param crisis        the message reads as a crisis: 988 is named too
 * @param onCallPhone   the practice's on-call number as people write it; null when the practice has none (the line
 *                      is then left out, never printed empty)
 * @param onCallPhoneTel the same number in E.164, for a {@code tel:} link; null with {@code onCallPhone}
 */
public record SafetyGuidance(boolean crisis, String onCallPhone, String onCallPhoneTel) {
}
