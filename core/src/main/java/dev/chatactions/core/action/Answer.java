package dev.chatactions.core.action;

/**
 * The answer to a question about text that may still be arriving: the text so far may not tell
 * yet (a {@code <acti} at its end, a fence line not yet ended), and then the question is asked
 * again when more comes or the text is complete.
 */
enum Answer {
    YES, NO, NOT_YET
}
