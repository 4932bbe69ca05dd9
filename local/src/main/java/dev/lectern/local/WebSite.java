package dev.lectern.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web app's built files (the {@code lectern-web} jar's {@code web/} folder) on the API's origin,
 * as CloudFront serves them in AWS: {@code /} and the files themselves, and {@code index.html} for any
 * other page a browser navigates to (the app routes it), never for a path an API route matches. API
 * clients that do not ask for HTML keep getting the API's 404 problem for unknown paths.
 */
final class WebSite {

    private static final String ROOT = "web";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("json", "application/json"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final ClassLoader loader;

    WebSite(ClassLoader loader) {
        this.loader = loader;
    }

    /** Whether the build's files are on the class path (the local jar always has them). */
    boolean present() {
        return loader.getResource(ROOT + "/index.html") != null;
    }

    /**
     * The site's answer to a request that matched no API route, if it is the site's to answer.
     *
     * @param accept the request's {@code Accept} header, or null
     */
    Optional<GatewayEvents.HttpResponse> answer(String method, String path, String accept) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Optional.empty();
        }
        if (path.equals("/") || path.equals("/index.html")) {
            return file("index.html");
        }
        String name = path.substring(1);
        if (isFileName(name)) {
            Optional<GatewayEvents.HttpResponse> file = file(name);
            if (file.isPresent()) {
                return file;
            }
        }
        return accept != null && accept.contains("text/html") ? file("index.html") : Optional.empty();
    }

    /** Relative, without dot segments or backslashes, with an extension: nothing outside the folder. */
    private static boolean isFileName(String name) {
        return !name.isEmpty() && !name.contains("..") && !name.contains("\\") && !name.contains("//")
                && name.lastIndexOf('.') > name.lastIndexOf('/');
    }

    private Optional<GatewayEvents.HttpResponse> file(String name) {
        try (InputStream in = loader.getResourceAsStream(ROOT + "/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            String extension = name.substring(name.lastIndexOf('.') + 1);
            // Vite names every file under assets/ by its content hash: it never changes; the page itself must be revalidated
            String cache = name.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
            return Optional.of(new GatewayEvents.HttpResponse(200, Map.of(
                    "Content-Type", List.of(TYPES.getOrDefault(extension, "application/octet-stream")),
                    "Cache-Control", List.of(cache),
                    "X-Content-Type-Options", List.of("nosniff"),
                    "Referrer-Policy", List.of("strict-origin-when-cross-origin"),
                    "X-Frame-Options", List.of("DENY")), in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
