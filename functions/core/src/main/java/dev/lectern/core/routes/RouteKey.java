package dev.lectern.core.routes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A method and a path template: {@code GET /courses/{courseId}}.
 *
 * <p>The {@code $default} function needs every route key to tell 405 from 404, but its package
 * carries only the platform context's own entries (each context's entries live in its own jar).
 * The stack hands it the keys in one environment variable, deflated and base64-encoded, as their
 * {@linkplain #shape() shapes}: telling 404 from 405 needs where a path has a parameter, not the
 * parameter's name, and the names were an eighth of the encoded size. So 170 routes take about
 * 1.6 KB of Lambda's 4 KB of environment.
 */
public record RouteKey(String method, String path) {

    private static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern.compile("\\{[^}/]+}");

    /** The same key with every parameter unnamed: {@code GET /courses/{}}. Matches exactly the paths the key matches. */
    public RouteKey shape() {
        return new RouteKey(method, PARAMETER.matcher(path).replaceAll("{}"));
    }

    /** The keys' shapes ({@link #shape}), in one string; {@link #decode} gives the shapes back. */
    public static String encode(List<RouteKey> keys) {
        String text = String.join("\n", keys.stream().map(RouteKey::shape).map(k -> k.method() + " " + k.path()).toList());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    public static List<RouteKey> decode(String encoded) {
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : Arrays.stream(text.split("\n")).map(line -> {
                int space = line.indexOf(' ');
                return new RouteKey(line.substring(0, space), line.substring(space + 1));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
