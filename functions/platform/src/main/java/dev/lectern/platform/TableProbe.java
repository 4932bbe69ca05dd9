package dev.lectern.platform;

/** Asks the table one cheap question; throws {@link TableUnreachableException} when it cannot answer. */
public interface TableProbe {

    void probe();

    class TableUnreachableException extends RuntimeException {
        public TableUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
