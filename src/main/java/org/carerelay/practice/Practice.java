package org.carerelay.practice;

import java.time.Instant;

import org.carerelay.shared.PracticeId;

/**
 * A practice: the tenant. {@code brandName} is how messages are signed and sent ("From: Riverside Family
 * Medicine"); {@code postalAddress} goes in the footer of marketing email (CAN-SPAM); {@code slug} names the
 * practice in its portal's links ({@code /portal/sign-in?practice=riverside-family-medicine}).
 */
public record Practice(PracticeId id, String slug, String name, String brandName, Address postalAddress, String defaultLanguage,
        Instant createdAt, Instant updatedAt) {
}
