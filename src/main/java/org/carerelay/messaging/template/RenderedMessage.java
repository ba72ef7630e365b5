package org.carerelay.messaging.template;

/** A template rendered for one recipient: what each channel would carry. */
public record RenderedMessage(String emailSubject, String emailText, String emailHtml, String sms,
        SmsSegments smsSegments, String inAppTitle, String inAppBody) {
}
