package dev.progy.error;

/** Output larger than Progy accepts (a build log, a results file). */
public class OutputLimitException extends ProgyException {
    public OutputLimitException(String message) {
        super(message, "");
    }
}
