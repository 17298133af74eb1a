package dev.progy.sync.ai;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.progy.error.AiProviderException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The HTTP under langchain4j's model clients, on the JDK's {@link java.net.http.HttpClient}: a time limit for the
 * answer to start, retries with exponential backoff after a 429 or 5xx that honour {@code Retry-After} (and
 * OpenAI's {@code retry-after-ms}), and every failure turned into an {@link AiProviderException} here, where the
 * status, headers and error body are still at hand. Streams are read in the caller's thread, with the same time
 * limit between two pieces.
 */
final class ModelTransport implements HttpClient {

    /** A provider asking for a longer pause than this is not waited for: the user gets its answer now. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

    /** How the transport waits between attempts; tests may count instead of sleeping. */
    interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final AiModelConfig config;
    private final java.net.http.HttpClient http;
    private final Pause pause;
    private final Clock clock;

    ModelTransport(AiModelConfig config, Pause pause, Clock clock) {
        this.config = config;
        this.pause = pause;
        this.clock = clock;
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(config.timeout().compareTo(Duration.ofSeconds(10)) < 0 ? config.timeout() : Duration.ofSeconds(10))
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                .build();
    }

    ModelTransport(AiModelConfig config) {
        this(config, d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
    }

    /** Hands this transport to a langchain4j model builder. */
    HttpClientBuilder builder() {
        ModelTransport self = this;
        return new HttpClientBuilder() {
            @Override
            public Duration connectTimeout() {
                return config.timeout();
            }

            @Override
            public HttpClientBuilder connectTimeout(Duration timeout) {
                return this;
            }

            @Override
            public Duration readTimeout() {
                return config.timeout();
            }

            @Override
            public HttpClientBuilder readTimeout(Duration timeout) {
                return this;
            }

            @Override
            public HttpClient build() {
                return self;
            }
        };
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        HttpResponse<InputStream> response = send(request);
        try (InputStream in = response.body()) {
            byte[] body = in.readAllBytes();
            return SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).body(new String(body, StandardCharsets.UTF_8)).build();
        } catch (IOException e) {
            throw VendorErrors.fromIo(config, e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        HttpResponse<InputStream> response;
        try {
            response = send(request);
        } catch (AiProviderException e) {
            listener.onError(e);
            return;
        }
        try (IdleLimitedStream in = new IdleLimitedStream(response.body(), config.timeout())) {
            listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).build());
            parser.parse(in, new ServerSentEventListener() {
                @Override
                public void onEvent(dev.langchain4j.http.client.sse.ServerSentEvent event) {
                    listener.onEvent(event);
                }

                @Override
                public void onEvent(dev.langchain4j.http.client.sse.ServerSentEvent event,
                                    dev.langchain4j.http.client.sse.ServerSentEventContext context) {
                    listener.onEvent(event, context);
                }

                @Override
                public void onError(Throwable error) {
                    listener.onError(in.timedOut() ? VendorErrors.timeout(config, error)
                            : error instanceof IOException io ? VendorErrors.fromIo(config, io) : error);
                }
            });
            if (in.timedOut()) {
                listener.onError(VendorErrors.timeout(config, null));
            } else {
                listener.onClose();
            }
        } catch (IOException e) {
            listener.onError(VendorErrors.fromIo(config, e));
        } catch (RuntimeException e) {
            listener.onError(e);
        }
    }

    /** Sends, retrying after a 429 or 5xx; a 2xx response's body is left to the caller to read. */
    private HttpResponse<InputStream> send(HttpRequest request) {
        java.net.http.HttpRequest jdkRequest = toJdk(request);
        int attempts = 0;
        while (true) {
            attempts++;
            HttpResponse<InputStream> response;
            try {
                response = http.send(jdkRequest, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw VendorErrors.fromIo(config, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VendorErrors.timeout(config, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            if (!VendorErrors.retryable(status, body) || attempts > config.maxRetries()) {
                throw VendorErrors.fromStatus(config, status, body, attempts);
            }
            int attempt = attempts;
            Duration wait = retryAfter(response.headers().map()).orElseGet(() -> backoff(attempt));
            if (wait.compareTo(MAX_WAIT) > 0) {
                throw VendorErrors.fromStatus(config, status, body, attempts);
            }
            try {
                pause.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VendorErrors.fromStatus(config, status, body, attempts);
            }
        }
    }

    /** Exponential from the configured first wait, with up to a quarter of jitter so clients do not retry in step. */
    private Duration backoff(int attempt) {
        long base = config.retryBackoff().toMillis() << Math.min(attempt - 1, 10);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        long jitter = capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 4 + 1);
        return Duration.ofMillis(capped + jitter);
    }

    /** {@code retry-after-ms}, else {@code Retry-After} as seconds or as an HTTP date. */
    Optional<Duration> retryAfter(Map<String, List<String>> headers) {
        Optional<String> ms = header(headers, "retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.get()))));
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        Optional<String> value = header(headers, "retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(value.get()) * 1000))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), when.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).map(String::strip).filter(v -> !v.isEmpty()).findFirst();
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(config.timeout());
        request.headers().forEach((name, values) -> {
            if (!restricted(name)) {
                values.forEach(v -> b.header(name, v));
            }
        });
        String body = request.body();
        switch (request.method()) {
            case GET -> b.GET();
            case DELETE -> b.DELETE();
            default -> b.POST(body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return b.build();
    }

    /** Headers the JDK client sets itself and refuses to take. */
    private static boolean restricted(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.equals("content-length") || n.equals("host") || n.equals("connection") || n.equals("expect")
                || n.equals("upgrade");
    }
}
