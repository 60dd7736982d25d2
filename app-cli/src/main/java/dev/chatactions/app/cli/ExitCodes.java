package dev.chatactions.app.cli;

/** The exit codes of every command. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The operation failed (refused, upstream error, check failed). */
    public static final int FAILED = 1;
    /** The command line was wrong: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
