package org.carerelay.messaging.sms;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.carerelay.messaging.DeliveryId;
import org.carerelay.messaging.DeliveryStatus;
import org.carerelay.messaging.dispatch.DeliveryReceipts;
import org.carerelay.messaging.inbound.InboundSms;
import org.carerelay.messaging.inbound.InboundVoicemails;
import org.carerelay.practice.Practices;
import org.carerelay.practice.ContactNormalizer;
import org.carerelay.settings.Setting;
import org.carerelay.settings.Settings;
import org.carerelay.shared.InvalidFieldException;
import org.carerelay.shared.PracticeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks: inbound SMS and delivery status. Each request must carry the Twilio signature of the
 * practice it concerns (the one whose number a text was sent to, or whose message a status is about), or it is
 * refused with 403 before anything changes.
 */
@RestController
class TwilioWebhooks {

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
    static final String PROVIDER = "twilio";

    private final InboundSms inbound;
    private final DeliveryReceipts receipts;
    private final Settings settings;
    private final PracticeNumbers numbers;
    private final ContactNormalizer normalizer;
    private final InboundVoicemails voicemails;
    private final Practices practices;
    private final String publicBaseUrl;

    TwilioWebhooks(InboundSms inbound, DeliveryReceipts receipts, Settings settings, PracticeNumbers numbers,
            ContactNormalizer normalizer, InboundVoicemails voicemails, Practices practices,
            @Value("${carerelay.public-base-url}") String publicBaseUrl) {
        this.voicemails = voicemails;
        this.practices = practices;
        this.inbound = inbound;
        this.receipts = receipts;
        this.settings = settings;
        this.numbers = numbers;
        this.normalizer = normalizer;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/$", "");
    }

    @PostMapping(path = "/webhooks/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> inboundSms(HttpServletRequest request, @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        Map<String, String> params = postParameters(request, form);
        String to = params.get("To");
        String from = params.get("From");
        Optional<PracticeId> practice = signedFor(request, params, signature, to == null ? Optional.empty()
                : from == null ? numbers.practiceFor(to) : numbers.practiceFor(to, from));
        if (practice.isEmpty()) {
            return forbidden();
        }
        if (from == null || from.isBlank()) {
            throw new InvalidFieldException("From", "is required");
        }
        // Twilio always sends one, and it is what makes a replay the same message: without it, each replay was filed.
        String sid = params.get("MessageSid");
        if (sid == null || sid.isBlank()) {
            throw new InvalidFieldException("MessageSid", "is required");
        }
        inbound.receive(practice.get(), normalizer.phone(from, "From"), to, params.getOrDefault("Body", ""),
                PROVIDER, sid, () -> numbers.sendingFrom(to));
        // Replies, if any, go through the dispatch workers, not TwiML: one path for everything sent.
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
    }

    /**
     * A call to a practice number, and then its recording and transcription ({@code ?event=recording},
     * {@code ?event=transcription}, the callbacks the first answer asks Twilio for). The call hears the practice's
     * greeting (with the emergency number) and may leave a message of up to two minutes, which Twilio transcribes.
     */
    @PostMapping(path = "/webhooks/twilio/voice", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> voice(HttpServletRequest request, @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = "X-Twilio-Signature", required = false) String signature,
            @RequestParam(name = "event", required = false) String event) {
        Map<String, String> params = postParameters(request, form);
        String to = params.get("To");
        Optional<PracticeId> practice = signedFor(request, params, signature,
                to == null ? Optional.empty() : numbers.practiceFor(to));
        if (practice.isEmpty()) {
            return forbidden();
        }
        if (event == null) {
            return twiml(VoiceGreeting.twiml(practices.get(practice.get()), publicBaseUrl + "/webhooks/twilio/voice"));
        }
        String recording = required(params, "RecordingSid");
        switch (event) {
            case "recording" -> {
                String from = required(params, "From");
                int seconds;
                try {
                    seconds = Integer.parseInt(params.getOrDefault("RecordingDuration", "0"));
                } catch (NumberFormatException e) {
                    throw new InvalidFieldException("RecordingDuration", "is not a number");
                }
                voicemails.recorded(practice.get(), normalizer.phone(from, "From"), to, PROVIDER, recording,
                        required(params, "RecordingUrl"), seconds);
                return twiml(VoiceGreeting.goodbye(practices.get(practice.get())));
            }
            case "transcription" -> {
                voicemails.transcribed(practice.get(), PROVIDER, recording, params.get("TranscriptionText"),
                        "completed".equals(params.get("TranscriptionStatus")));
                return ResponseEntity.ok().build();
            }
            default -> throw new InvalidFieldException("event", "must be recording or transcription");
        }
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(name, "is required");
        }
        return value;
    }

    private static ResponseEntity<String> twiml(String twiml) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(twiml);
    }

    /**
     * Twilio's status callback for a message CareRelay sent: delivered, or undelivered/failed with Twilio's error
     * code (21610: the recipient opted out, which suppresses the number). A message id CareRelay does not know
     * is acknowledged with 200, so that Twilio does not retry it forever.
     */
    @PostMapping(path = "/webhooks/twilio/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> status(HttpServletRequest request, @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        Map<String, String> params = postParameters(request, form);
        String sid = params.get("MessageSid");
        String status = params.get("MessageStatus");
        if (sid == null || status == null) {
            throw new InvalidFieldException(sid == null ? "MessageSid" : "MessageStatus", "is required");
        }
        // The signature first, with the token of the practice whose number sent the message: whether a message
        // id is known is nobody's business before that.
        Optional<PracticeId> practice = signedFor(request, params, signature,
                params.get("From") == null ? Optional.empty() : numbers.practiceFor(params.get("From")));
        if (practice.isEmpty()) {
            return forbidden();
        }
        Optional<DeliveryReceipts.Sent> sent = receipts.find(PROVIDER, sid)
                .or(() -> deliveryParameter(request).flatMap(delivery -> receipts.find(practice.get(), delivery)))
                // another practice sending from the same number (a shared line, the fallback number) owns it too
                .filter(found -> found.practice().equals(practice.get())
                        || numbers.sendingFrom(params.get("From")).contains(found.practice()));
        if (sent.isEmpty()) {
            log.info("Twilio status callback for a message CareRelay does not know; acknowledged");
            return ResponseEntity.ok().build();
        }
        String error = params.get("ErrorCode");
        switch (status) {
            case "delivered" -> receipts.record(sent.get(), DeliveryStatus.DELIVERED, null, false);
            case "undelivered", "failed" -> receipts.record(sent.get(), DeliveryStatus.FAILED,
                    "twilio-" + (error == null ? status : error),
                    String.valueOf(TwilioSmsSender.UNSUBSCRIBED_RECIPIENT).equals(error));
            default -> {
                // queued, sending, sent, read: nothing the delivery does not already say
            }
        }
        return ResponseEntity.ok().build();
    }

    private static Optional<DeliveryId> deliveryParameter(HttpServletRequest request) {
        try {
            String delivery = request.getParameter("delivery");
            return delivery == null ? Optional.empty() : Optional.of(new DeliveryId(java.util.UUID.fromString(delivery)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String url(HttpServletRequest request) {
        return publicBaseUrl + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    /** The form's own parameters: Twilio signs the query string as part of the URL, not as parameters. */
    private static Map<String, String> postParameters(HttpServletRequest request, MultiValueMap<String, String> form) {
        Map<String, String> params = new HashMap<>();
        form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        if (request.getQueryString() != null) {
            org.springframework.web.util.UriComponentsBuilder.fromUriString("?" + request.getQueryString()).build()
                    .getQueryParams().keySet().forEach(params::remove);
        }
        return params;
    }

    /**
     * {@code practice}, the one the request's number belongs to, when the request carries that practice's Twilio
     * signature; empty (and the reason logged) otherwise.
     */
    private Optional<PracticeId> signedFor(HttpServletRequest request, Map<String, String> params, String signature,
            Optional<PracticeId> practice) {
        String token = practice.flatMap(p -> settings.find(p, Setting.TWILIO_WEBHOOK_AUTH_TOKEN)).orElse(null);
        if (TwilioSignature.valid(token, url(request), params, signature)) {
            return practice;
        }
        log.warn("Refused a Twilio webhook: {}", practice.isEmpty() ? "no practice has the number"
                : token == null ? "no Twilio auth token is configured" : "bad signature");
        return Optional.empty();
    }

    private static ResponseEntity<ProblemDetail> forbidden() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "The request does not carry a valid Twilio signature");
        problem.setType(URI.create("https://carerelay.org/problems/forbidden"));
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
