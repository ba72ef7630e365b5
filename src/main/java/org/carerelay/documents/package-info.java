/**
 * Documents: letters, visit summaries and results for a patient, their content sealed in a document store (a
 * local directory, or an S3 bucket), released to the patient's portal by staff and downloaded through short-lived
 * links.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Documents")
package org.carerelay.documents;
