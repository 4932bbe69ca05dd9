package dev.lectern.events;

/** An event that does not match its contract: retrying it cannot help. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
