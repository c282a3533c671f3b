package dev.resolvechain.agent;

/** The agent cannot install into this JVM; nothing was changed. */
final class InstallException extends Exception {
    InstallException(String message) {
        super(message);
    }

    InstallException(String message, Throwable cause) {
        super(message + ": " + cause, cause);
    }
}
