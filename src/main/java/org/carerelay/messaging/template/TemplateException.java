package org.carerelay.messaging.template;

/** A template that cannot be compiled or rendered; the message names the part, never a value of the context. */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }
}
