/**
 * AI adapters for real models: {@link dev.progy.sync.ai.OpenAiProviderProvider} ({@code openai}) for the
 * OpenAI-compatible chat-completions API — OpenAI itself, and the servers a school runs on its own machines
 * (Ollama, vLLM, llama.cpp's server, LM Studio), with a configurable base URL and an optional key — and
 * {@link dev.progy.sync.ai.AnthropicProviderProvider} ({@code anthropic}) for Anthropic's Messages API. Both speak
 * through langchain4j's model clients over the JDK's own HTTP client, with a transport of ours that adds timeouts,
 * retries with backoff on 429 and 5xx (honouring {@code Retry-After}) and errors a user can act on
 * ({@link dev.progy.error.AiProviderException} with its kind: bad key, quota exhausted, model unknown, unreachable…).
 *
 * <p><b>Why here, in progy-sync.</b> The top-level modules are fixed, and three rules meet: the server must use
 * these adapters (it holds the keys and calls the model for the tutor), a student with a local model (Ollama on
 * localhost, no key) may use them straight from the CLI, and the CLI must never depend on progy-server. progy-api
 * takes no HTTP client library, and the runner and guard modules are about other things; progy-sync is already the
 * module of "the student's machine talks to a service over the network", which both shells depend on. The
 * adapters are found through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.progy.spi.AiProviderProvider}),
 * so neither shell names a class of this package; the public surface is the two {@code *Provider} classes and
 * {@link dev.progy.sync.ai.AiModelConfig}, the rest is package-private.
 *
 * <p>Keys come from the {@link dev.progy.spi.ProviderConfig} ({@code progy.ai.openai.key},
 * {@code progy.ai.anthropic.key}); they are sent only in the request header the API asks for, never logged, and
 * {@link dev.progy.sync.ai.AiModelConfig#toString()} shows none of them.
 */
package dev.progy.sync.ai;
