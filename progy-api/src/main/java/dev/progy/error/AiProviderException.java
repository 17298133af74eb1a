package dev.progy.error;

/**
 * An AI model could not give an answer: the key was refused, the account's quota at the provider is used up, the
 * model is unknown, the provider could not be reached or did not answer in time, or it kept failing. The message
 * names the provider and says what happened; {@link #fixHint()} what to do. Never carries the key.
 */
public class AiProviderException extends ProgyException {

    /** What went wrong, for a caller that acts on it (fall back to offline hints, ask for a new key, wait). */
    public enum Kind {
        /** The provider refused the key (HTTP 401/403). */
        BAD_KEY,
        /** The account behind the key has no quota or credit left at the provider. */
        QUOTA_EXHAUSTED,
        /** Too many requests, still after waiting and retrying (HTTP 429). */
        RATE_LIMITED,
        /** The provider does not know the model asked for (HTTP 404, {@code model_not_found}). */
        MODEL_UNKNOWN,
        /** No connection: refused, unknown host, network down. */
        UNREACHABLE,
        /** Connected, but no answer within the time limit. */
        TIMEOUT,
        /** The provider kept failing on its side (HTTP 5xx, overloaded), still after retrying. */
        PROVIDER_ERROR,
        /** The provider rejected the request itself (HTTP 400, too large, refused content). */
        REQUEST_REJECTED
    }

    private final String provider;
    private final Kind kind;

    /**
     * @param provider the provider's id, e.g. {@code openai}
     * @param kind     what went wrong
     * @param message  what went wrong, for the user, naming the provider
     * @param fixHint  what to do about it
     * @param cause    the underlying failure, may be null
     */
    public AiProviderException(String provider, Kind kind, String message, String fixHint, Throwable cause) {
        super(message, fixHint, cause);
        this.provider = provider;
        this.kind = kind;
    }

    /** The provider's id, e.g. {@code openai}, {@code anthropic}. */
    public String provider() {
        return provider;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** Whether asking again later may succeed without the user changing anything. */
    public boolean transientFailure() {
        return kind == Kind.RATE_LIMITED || kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT
                || kind == Kind.PROVIDER_ERROR;
    }
}
