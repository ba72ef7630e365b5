package org.carerelay.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The fallback of each runtime setting, fixed in deployed configuration ({@code carerelay.settings.fallback.*}
 * in application.yml, or the {@code CARERELAY_*} variables it names). Used when the settings table cannot be
 * read, has no row, or holds a value that fails validation.
 *
 * @param emailSenderAddress     the From address of email
 * @param emailSenderName        the From display name when the practice's brand is not known
 * @param emailProvider          dev-outbox, smtp or ses
 * @param emailSecondaryProvider where email goes while the primary is down; blank for nowhere
 * @param emailRatePerSecond     emails per second the provider allows from one sender; 0 for no limit
 * @param smsOriginationNumber   the E.164 number SMS is sent from
 * @param smsProvider            dev-outbox, twilio or end-user-messaging
 * @param smsSecondaryProvider   where SMS goes while the primary is down; blank for nowhere
 * @param smsRatePerSecond       texts per second the provider allows from one number; 0 for no limit
 * @param videoRoomPreset        the video room preset (hipaa: locked room, no recording or transcription)
 * @param twilioAccountSid       the Twilio account SMS goes out through
 * @param twilioWebhookAuthToken the Twilio auth token: authenticates sends and signs Twilio's webhooks; blank
 *                               rejects the webhooks
 * @param quietHoursStart        local time from which no SMS but security messages go out
 * @param quietHoursEnd          local time from which SMS may go out again
 * @param marketingWeeklyCap     marketing messages per patient per week
 * @param inboxSlaUrgentMinutes  business minutes to answer an urgent inbox message
 * @param inboxSlaRoutineMinutes business minutes to answer a routine one
 * @param inboxSlaAdministrativeMinutes business minutes to answer an administrative or billing one
 * @param inboxHolidays          closed days (YYYY-MM-DD, comma-separated) or none
 * @param inboxThreadWindowHours hours within which a patient's new message joins their open conversation
 * @param inboxOnCallPhone       the number paged when no on-call shift covers the moment, or none
 * @param inboxPossibleCrisisPageMinutes minutes after a possible-crisis message by which someone who may read it must
 *                               have opened it, or on call is paged
 * @param patientChangeCutoffHours hours before a visit after which a patient can no longer cancel or move it
 * @param videoProvider          where video rooms are made: local (a placeholder) or whereby
 */
@ConfigurationProperties("carerelay.settings.fallback")
public record SettingsFallback(
        String emailSenderAddress,
        String emailSenderName,
        String emailProvider,
        String emailSecondaryProvider,
        String emailRatePerSecond,
        String smsOriginationNumber,
        String smsProvider,
        String smsSecondaryProvider,
        String smsRatePerSecond,
        String videoRoomPreset,
        String twilioAccountSid,
        String twilioWebhookAuthToken,
        String quietHoursStart,
        String quietHoursEnd,
        String marketingWeeklyCap,
        String inboxSlaUrgentMinutes,
        String inboxSlaRoutineMinutes,
        String inboxSlaAdministrativeMinutes,
        String inboxHolidays,
        String inboxThreadWindowHours,
        String inboxOnCallPhone,
        String inboxPossibleCrisisPageMinutes,
        String patientChangeCutoffHours,
        String videoProvider) {
}
