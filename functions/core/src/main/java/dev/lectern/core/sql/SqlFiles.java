package dev.lectern.core.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL kept as files on the classpath, with {@code {{name}}} placeholders filled with values the
 * caller's code made (dates it formatted, table expressions): never with anything a client sent.
 */
public final class SqlFiles {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z_]+)}}");

    private SqlFiles() {
    }

    /** The file's text (a classpath resource, e.g. {@code /sql/course_daily.sql}). */
    public static String text(String resource) {
        try (InputStream in = SqlFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no SQL file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text with every placeholder filled; a placeholder without a value is an error, not an empty string. */
    public static String render(String resource, Map<String, String> parameters) {
        Matcher matcher = PLACEHOLDER.matcher(text(resource));
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(resource + " needs a value for {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(sql, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(sql);
        return sql.toString();
    }
}
