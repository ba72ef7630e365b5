package org.carerelay.messaging.sms;

import org.carerelay.practice.Practice;
import org.springframework.web.util.HtmlUtils;

/**
 * What a caller to a practice number hears (TwiML): the practice's greeting in its language, the emergency
 * number, and a recording of up to two minutes that Twilio transcribes. Twilio is asked to call back with the
 * recording and with its transcription.
 */
final class VoiceGreeting {

    static final int MAX_SECONDS = 120;

    private VoiceGreeting() {
    }

    static String twiml(Practice practice, String callbackUrl) {
        boolean spanish = practice.defaultLanguage().equals("es");
        String brand = HtmlUtils.htmlEscape(practice.brandName());
        String greeting = spanish
                ? "Ha llamado a " + brand + ". Si es una emergencia, cuelgue y marque el 911. "
                        + "Deje su mensaje después del tono."
                : "You have reached " + brand + ". If this is an emergency, hang up and dial 911. "
                        + "Please leave a message after the tone.";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Say language=\"" + (spanish ? "es-US" : "en-US") + "\">" + greeting + "</Say>"
                + "<Record maxLength=\"" + MAX_SECONDS + "\" playBeep=\"true\" transcribe=\"true\""
                + " action=\"" + callbackUrl + "?event=recording\""
                + " transcribeCallback=\"" + callbackUrl + "?event=transcription\"/>"
                + "</Response>";
    }

    static String goodbye(Practice practice) {
        boolean spanish = practice.defaultLanguage().equals("es");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say language=\"" + (spanish ? "es-US" : "en-US")
                + "\">" + (spanish ? "Gracias. Adiós." : "Thank you. Goodbye.") + "</Say><Hangup/></Response>";
    }
}
