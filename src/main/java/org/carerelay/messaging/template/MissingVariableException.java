package org.carerelay.messaging.template;

/** A template refers to a variable its context lacks: the send fails rather than leave a gap in the text. */
public class MissingVariableException extends TemplateException {

    private final String problem;

    private MissingVariableException(String problem) {
        super(problem);
        this.problem = problem;
    }

    static MissingVariableException variable(String name) {
        return new MissingVariableException("refers to {{" + name + "}}, which the context lacks");
    }

    static MissingVariableException helperParameter(String helper) {
        return new MissingVariableException("gives {{" + helper + "}} a value the context lacks");
    }

    MissingVariableException in(String part) {
        return new MissingVariableException(part + ": " + problem);
    }
}
