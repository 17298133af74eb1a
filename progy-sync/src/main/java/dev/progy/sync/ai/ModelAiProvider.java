package dev.progy.sync.ai;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.progy.error.AiProviderException;
import dev.progy.spi.AiProvider;
import dev.progy.spi.Hint;
import dev.progy.spi.HintRequest;
import dev.progy.spi.ReviewNote;
import dev.progy.spi.ReviewRequest;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * An {@link AiProvider} over one chat model, whichever API it speaks: builds the prompts, asks, and makes sure
 * that what reaches the caller is a hint, notes, or an {@link AiProviderException} — never a langchain4j type.
 */
final class ModelAiProvider implements AiProvider {

    private final AiModelConfig config;
    private final ChatModel chat;
    private final StreamingChatModel streaming;

    ModelAiProvider(AiModelConfig config, ChatModel chat, StreamingChatModel streaming) {
        this.config = config;
        this.chat = chat;
        this.streaming = streaming;
    }

    @Override
    public Hint hint(HintRequest request) {
        String text = ask(messages(TutorPrompts.HINT_SYSTEM, TutorPrompts.hint(request)));
        return new Hint(nonEmpty(text), Hint.Kind.AI, TutorPrompts.revealedAfter(request));
    }

    @Override
    public Hint hint(HintRequest request, Consumer<String> onText) {
        ChatRequest chatRequest = ChatRequest.builder()
                .messages(messages(TutorPrompts.HINT_SYSTEM, TutorPrompts.hint(request))).build();
        StringBuilder text = new StringBuilder();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            streaming.chat(chatRequest, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    if (partial != null && !partial.isEmpty()) {
                        text.append(partial);
                        onText.accept(partial);
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(null);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            // the transport reads the stream in this thread and cuts it when it goes quiet, so this does not wait long
            done.get();
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VendorErrors.timeout(config, e);
        } catch (RuntimeException e) {
            throw translate(e);
        }
        return new Hint(nonEmpty(text.toString()), Hint.Kind.AI, TutorPrompts.revealedAfter(request));
    }

    @Override
    public List<ReviewNote> review(ReviewRequest request) {
        if (request.documents().isEmpty()) {
            return List.of();
        }
        String answer = ask(messages(TutorPrompts.REVIEW_SYSTEM, TutorPrompts.review(request)));
        return TutorPrompts.notes(answer, request).orElseThrow(() -> VendorErrors.unreadable(config,
                "answered the review with something other than the list of notes asked for", null));
    }

    private String ask(List<ChatMessage> messages) {
        try {
            ChatResponse response = chat.chat(ChatRequest.builder().messages(messages).build());
            return response.aiMessage() == null || response.aiMessage().text() == null ? ""
                    : response.aiMessage().text();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private String nonEmpty(String text) {
        if (text.isBlank()) {
            throw VendorErrors.unreadable(config, "answered with an empty text", null);
        }
        return text.strip();
    }

    private static List<ChatMessage> messages(String system, String user) {
        return List.of(SystemMessage.from(system), UserMessage.from(user));
    }

    /** Ours as it is; an HTTP status the transport did not see (it sees all) classified; anything else unreadable. */
    private AiProviderException translate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AiProviderException ours) {
                return ours;
            }
            if (t instanceof HttpException http) {
                return VendorErrors.fromStatus(config, http.statusCode(), http.getMessage(), 1);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return VendorErrors.timeout(config, error);
            }
        }
        return VendorErrors.unreadable(config, "gave an answer Progy could not read", error);
    }
}
