package dev.progy.error;

import org.jspecify.annotations.Nullable;

import java.util.Optional;

/**
 * A registry checked a published course and refused it: nothing went live. The message holds the checks' report as
 * text; {@link #report()} holds it alone and {@link #sarifUrl()} where the report is downloadable as SARIF.
 */
public class PublishRejectedException extends ProgyException {

    private final String report;
    private final Optional<String> sarifUrl;

    public PublishRejectedException(String message, @Nullable String fixHint, @Nullable String report, Optional<String> sarifUrl) {
        super(message, fixHint);
        this.report = report == null ? "" : report;
        this.sarifUrl = sarifUrl;
    }

    /** The checks' report as text; empty when the registry gave none. */
    public String report() {
        return report;
    }

    /** Where the report can be downloaded as SARIF 2.1.0, when the registry offers it. */
    public Optional<String> sarifUrl() {
        return sarifUrl;
    }
}
