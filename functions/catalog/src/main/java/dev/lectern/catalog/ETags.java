package dev.lectern.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entity tags of a course.
 *
 * <p>{@code GET /courses/{id}} tags its answer {@code "v<version>-<digest>"}: the course's version,
 * which every edit of its fields moves, and a digest of the JSON served, which also moves when the
 * syllabus, the rating or the viewer's representation changes (none of those move the version: a
 * learner's review must not make a creator's pending edit stale). So {@code If-None-Match} answers
 * 304 only for a byte-identical body, while {@code If-Match} on a PATCH compares the version part
 * only: it protects the course's fields, which is what a PATCH changes. A PATCH answers with
 * {@code "v<version>"}, which {@code If-Match} accepts too and which never matches a GET's tag.
 */
final class ETags {

    private static final Pattern TAG = Pattern.compile("\"v(\\d{1,18})(-[0-9a-f]{1,64})?\"");

    private ETags() {
    }

    /** What a PATCH answers with: the version alone. */
    static String ofVersion(long version) {
        return "\"v" + version + "\"";
    }

    /** What a GET answers with: the version and a digest of the exact body served. */
    static String ofRepresentation(long version, String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\"v" + version + "-" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * An {@code If-Match} precondition: {@code any} when the header is absent or {@code *} (any
     * current version: the write proceeds, retried on a lost race), otherwise the versions named
     * (a list is allowed; a tag of another shape names none, so it can only fail).
     */
    record Precondition(boolean any, List<Long> versions) {

        boolean allows(long version) {
            return any || versions.contains(version);
        }
    }

    static Precondition ifMatch(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank() || header.get().strip().equals("*")) {
            return new Precondition(true, List.of());
        }
        List<Long> versions = new ArrayList<>();
        for (String tag : tags(header.get())) {
            Matcher m = TAG.matcher(tag);
            if (m.matches()) {
                versions.add(Long.parseLong(m.group(1)));
            }
        }
        return new Precondition(false, List.copyOf(versions));
    }

    /** Whether an {@code If-None-Match} header names {@code etag} (weak comparison, as RFC 9110 wants for it) or is {@code *}. */
    static boolean noneMatchHits(Optional<String> header, String etag) {
        if (header.isEmpty() || header.get().isBlank()) {
            return false;
        }
        if (header.get().strip().equals("*")) {
            return true;
        }
        return tags(header.get()).contains(etag);
    }

    /**
     * The entity tags of a list header, each without its weak prefix: a cache that compressed our
     * answer may have weakened the tag, and our tags name a version, not bytes on the wire.
     */
    private static List<String> tags(String header) {
        List<String> tags = new ArrayList<>();
        for (String part : header.split(",")) {
            String tag = part.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
        }
        return tags;
    }
}
