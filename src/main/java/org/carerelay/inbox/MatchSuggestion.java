package org.carerelay.inbox;

import java.time.LocalDate;
import java.util.List;

import org.carerelay.practice.PatientId;

/**
 * A patient an unmatched message may be from, with how sure the suggestion is and why.
 *
 * @param score   0..1: name similarity (Jaro-Winkler), more when the date of birth in the text is theirs
 * @param reasons e.g. "holds this number", "name: Ana", "date of birth in the message"
 */
public record MatchSuggestion(PatientId patientId, String name, LocalDate dateOfBirth, double score,
        List<String> reasons) {
}
