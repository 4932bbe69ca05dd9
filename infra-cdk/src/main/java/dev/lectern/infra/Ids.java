package dev.lectern.infra;

/** Construct ids and stack names. */
final class Ids {

    private Ids() {
    }

    /** {@code behaviour-archiver} → {@code BehaviourArchiver}: construct ids. */
    static String pascal(String kebab) {
        StringBuilder out = new StringBuilder();
        for (String part : kebab.split("-")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    /** {@code Lectern-<stage>-<part>}: the stack name, also its construct id. */
    static String stackName(StageSettings settings, String part) {
        return "Lectern-" + settings.stage() + "-" + part;
    }
}
