package org.carerelay.messaging.sms;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.PracticeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches a voicemail recording from Twilio with the practice's account credentials, so that staff can play it
 * in the console without Twilio's media being public. Only Twilio's own API address is ever fetched: a stored URL
 * is not a way to send the practice's credentials elsewhere.
 */
@Component
public class TwilioRecordings {

    static final String API = "https://api.twilio.com/";
    /** A two-minute MP3 is about 2 MB. */
    static final int MAX_BYTES = 10 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(TwilioRecordings.class);

    private final TwilioClients clients;
    private final Settings settings;

    TwilioRecordings(TwilioClients clients, Settings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    /** The recording at {@code recordingUrl} as MP3, or empty when it cannot be had (the reason is logged). */
    public Optional<byte[]> mp3(PracticeId practice, String recordingUrl) {
        if (recordingUrl == null || !recordingUrl.startsWith(API)) {
            log.warn("A voicemail recording of practice {} is not at Twilio's API; not fetched", practice);
            return Optional.empty();
        }
        Optional<String> account = settings.find(practice, Setting.TWILIO_ACCOUNT_SID);
        Optional<String> token = settings.find(practice, Setting.TWILIO_WEBHOOK_AUTH_TOKEN);
        if (account.isEmpty() || token.isEmpty()) {
            log.warn("Practice {} has no Twilio account configured; its voicemail cannot be played", practice);
            return Optional.empty();
        }
        Response response = clients.forAccount(account.get(), token.get())
                .request(new Request(HttpMethod.GET, recordingUrl.replaceAll("\\.(mp3|wav)$", "") + ".mp3"));
        if (response.getStatusCode() != 200) {
            log.warn("Twilio answered {} for a voicemail recording of practice {}", response.getStatusCode(),
                    practice);
            return Optional.empty();
        }
        try (InputStream in = response.getStream()) {
            return Optional.of(in.readNBytes(MAX_BYTES));
        } catch (IOException e) {
            log.warn("Reading a voicemail recording of practice {} failed: {}", practice, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
