package dev.chatactions.adapter.postgres;

/** A history import that was refused before anything was loaded: a broken chain, a misnamed file, a conversation already there. */
public final class ImportRefusedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    ImportRefusedException(String message) {
        super(message);
    }
}
