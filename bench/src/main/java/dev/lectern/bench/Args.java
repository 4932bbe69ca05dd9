package dev.lectern.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} options of a bench command; a mistake is a {@link Usage} error. */
final class Args {

    /** A command-line mistake: the command prints the message and its usage, and exits with 2. */
    static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, Set<String> options, Set<String> flags) {
        for (int a = 0; a < args.length; a++) {
            String name = args[a];
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (options.contains(name)) {
                if (a + 1 == args.length) {
                    throw new Usage(name + " needs a value");
                }
                values.put(name, args[++a]);
            } else {
                throw new Usage("unknown argument " + name);
            }
        }
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new Usage(name + " is required");
        }
        return value;
    }

    long number(String name, long fallback, long min) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new Usage(name + " must be a whole number, not \"" + value + "\"");
        }
        if (n < min) {
            throw new Usage(name + " must be at least " + min);
        }
        return n;
    }
}
