package dev.chatactions.core.port;

import java.util.Objects;
import java.util.UUID;

/**
 * One turn's input to the model.
 *
 * @param user the signed-in person
 * @param conversation the conversation id (12 hex chars)
 * @param message what the person typed
 * @param modelSession the model's session for this conversation (derived from user and conversation)
 * @param resume false on the conversation's first turn (start {@code modelSession}), true after it
 * @param systemPrompt what the model is told about markers and the deployment; never a secret
 */
public record AssistantRequest(
        String user, String conversation, String message, UUID modelSession, boolean resume, String systemPrompt) {

    public AssistantRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(modelSession, "modelSession");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
    }
}
