package org.carerelay.messaging.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.jsoup.Jsoup;

/**
 * Reads an inbound e-mail from its MIME source with Jakarta Mail: the text (text/plain preferred, else the HTML
 * part as text with Jsoup), charsets and transfer encodings decoded, the reply separated from the quoted history,
 * attachments up to {@link #MAX_ATTACHMENT_BYTES} each (larger ones are named, not kept). A source that is not a
 * message at all is refused with {@link MalformedEmailException}.
 */
final class EmailParser {

    static final int MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
    /** A longer References is trimmed to its first id and its latest ones, the ids threading looks at. */
    static final int MAX_REFERENCES = 100;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");
    private static final Session SESSION;

    static {
        Properties properties = new Properties();
        // RFC 2231 (filename*=) and RFC 2047 (=?…?=) file names, as mail programs send them.
        properties.setProperty("mail.mime.decodeparameters", "true");
        properties.setProperty("mail.mime.decodefilename", "true");
        properties.setProperty("mail.mime.address.strict", "false");
        SESSION = Session.getInstance(properties);
    }

    /** A source with none of these is not an e-mail. */
    private static final List<String> MESSAGE_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID",
            "MIME-Version", "Content-Type");

    private EmailParser() {
    }

    private static boolean header(MimeMessage message, String name) {
        try {
            return message.getHeader(name) != null;
        } catch (MessagingException e) {
            return false;
        }
    }

    static ParsedEmail parse(byte[] source) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(source));
            if (MESSAGE_HEADERS.stream().noneMatch(header -> header(message, header))) {
                throw new MalformedEmailException("it has none of the headers of an e-mail");
            }
            InternetAddress from = first(message.getFrom());
            boolean hasSender = from != null && from.getAddress() != null && from.getAddress().contains("@");
            Body body = new Body();
            walk(message, body);
            String text = body.plain != null ? body.plain : body.html != null ? htmlToText(body.html) : "";
            List<String> messageId = messageIds(message.getHeader("Message-ID", " "));
            return new ParsedEmail(hasSender ? from.getAddress().toLowerCase(Locale.ROOT) : null,
                    hasSender ? from.getPersonal() : null,
                    recipients(message), message.getSubject(), messageId.isEmpty() ? null : messageId.get(0),
                    messageIds(message.getHeader("In-Reply-To", " ")),
                    messageIds(message.getHeader("References", " ")), text.strip(),
                    QuotedHistory.reply(text), body.attachments, body.refused);
        } catch (MessagingException | IOException e) {
            throw new MalformedEmailException("it is not a readable MIME message");
        }
    }

    /** What the walk through the parts found. */
    private static final class Body {
        String plain;
        String html;
        final List<ParsedEmail.Attachment> attachments = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
    }

    private static void walk(Part part, Body body) throws MessagingException, IOException {
        String disposition = part.getDisposition();
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null;
        if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart child = parts.getBodyPart(i);
                walk(child, body);
            }
        } else if (!attached && part.isMimeType("text/plain") && body.plain == null) {
            String text = text(part);
            // Some senders label HTML as text/plain.
            if (text.stripLeading().regionMatches(true, 0, "<html", 0, 5)) {
                body.html = body.html == null ? text : body.html;
            } else {
                body.plain = text;
            }
        } else if (!attached && part.isMimeType("text/html") && body.html == null) {
            body.html = text(part);
        } else if (attached || !part.isMimeType("text/*")) {
            attach(part, body);
        }
    }

    private static void attach(Part part, Body body) throws MessagingException, IOException {
        String name = filename(part);
        try (InputStream in = part.getInputStream()) {
            byte[] content = in.readNBytes(MAX_ATTACHMENT_BYTES + 1);
            if (content.length > MAX_ATTACHMENT_BYTES) {
                body.refused.add(name);
            } else {
                String type = part.getContentType() == null ? "application/octet-stream"
                        : part.getContentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
                body.attachments.add(new ParsedEmail.Attachment(name, type, content));
            }
        }
    }

    private static String filename(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return "attachment";
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (UnsupportedEncodingException e) {
            return name;
        }
    }

    /** A text part's content, decoded; a charset Java does not know is read as Latin-1 rather than refused. */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            return content instanceof String string ? string : new String(part.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (UnsupportedEncodingException e) {
            return new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    static String htmlToText(String html) {
        org.jsoup.nodes.Document document = Jsoup.parse(html);
        document.outputSettings().prettyPrint(false);
        document.select("br").after("\\n");
        document.select("p, div, li, tr, h1, h2, h3, h4, blockquote").before("\\n");
        // Quoted history in HTML: blockquotes and Gmail's quote container read as quotes in the text.
        document.select("blockquote, div.gmail_quote").prepend("\\n> ");
        String text = Jsoup.clean(document.html(), "", org.jsoup.safety.Safelist.none(),
                new org.jsoup.nodes.Document.OutputSettings().prettyPrint(false));
        return org.jsoup.parser.Parser.unescapeEntities(text.replace("\\n", "\n"), false)
                .replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    /**
     * The message ids ({@code <left@right>}) a Message-ID, In-Reply-To or References header names, in order, without
     * the comments and phrases some mail programs add; none for an absent header.
     */
    static List<String> messageIds(String header) {
        if (header == null) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher id = MESSAGE_ID.matcher(header);
        while (id.find()) {
            found.add(id.group());
        }
        List<String> ids = List.copyOf(found);
        if (ids.size() <= MAX_REFERENCES) {
            return ids;
        }
        List<String> trimmed = new ArrayList<>(ids.subList(ids.size() - MAX_REFERENCES + 1, ids.size()));
        trimmed.add(0, ids.get(0));
        return trimmed;
    }

    private static List<String> recipients(MimeMessage message) throws MessagingException {
        Set<String> addresses = new LinkedHashSet<>();
        for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC)) {
            Address[] found = message.getRecipients(type);
            if (found != null) {
                for (Address address : found) {
                    if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                        addresses.add(internet.getAddress().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        String[] delivered = message.getHeader("Delivered-To");
        if (delivered != null) {
            for (String address : delivered) {
                addresses.add(address.trim().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(addresses);
    }

    private static InternetAddress first(Address[] addresses) {
        return addresses == null || addresses.length == 0 || !(addresses[0] instanceof InternetAddress internet)
                ? null : internet;
    }
}
