package dev.chatactions.adapter.forgejo;

import java.util.Objects;

/** The user an access token belongs to ({@code GET /api/v1/user}). */
public record ForgeUser(long id, String login) {

    public ForgeUser {
        Objects.requireNonNull(login, "login");
    }
}
