package dev.lectern.catalog;

import dev.lectern.catalog.CatalogModel.Lesson;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which media types each lesson kind accepts, and how S3 must serve a lesson's object.
 *
 * <p>The allow-list is the defence against stored XSS through media: a creator can only declare a
 * type a browser will play or download, never one it renders as a document with scripts
 * ({@code text/html}, {@code image/svg+xml}, {@code application/xhtml+xml}, ...). The presigned PUT
 * signs the declared type, so the object is stored with it; the presigned GET then forces it again
 * (S3's {@code response-content-type} override), with a {@code Content-Disposition}, so that what
 * the browser sees never depends on what was stored in the bucket before this rule existed.
 *
 * <p>S3 cannot send {@code X-Content-Type-Options: nosniff}: a GET may override only Content-Type,
 * Content-Disposition, Cache-Control, Content-Encoding, Content-Language and Expires, and object
 * metadata other than those system headers is returned as {@code x-amz-meta-*}. What protects us
 * instead: the allow-list, the forced type, the disposition (attachment for documents) and S3's
 * own origin — a file that a browser did sniff as HTML would run on the bucket's host, never on
 * ours, so it reaches neither our cookies nor our tokens. A CloudFront distribution in front of the
 * bucket (response headers policy) is where nosniff would be added.
 */
final class MediaTypes {

    /** Per kind, each accepted type and the file extension it is saved with (insertion order is the order errors list them). */
    private static final Map<String, Map<String, String>> ALLOWED = Map.of(
            "video", ordered("video/mp4", "mp4", "video/webm", "webm", "video/quicktime", "mov"),
            "audio", ordered("audio/mpeg", "mp3", "audio/mp4", "m4a", "audio/aac", "aac", "audio/ogg", "ogg",
                    "audio/wav", "wav", "audio/webm", "weba"),
            "document", ordered("application/pdf", "pdf", "application/epub+zip", "epub"));

    /** What a stored type outside the allow-list (an object from before it) is served as: bytes to download. */
    static final String FALLBACK_TYPE = "application/octet-stream";

    private static final int MAX_FILENAME_CHARS = 80;

    private MediaTypes() {
    }

    /** The types a lesson of {@code kind} accepts; empty for articles (nothing to upload). */
    static List<String> allowed(String kind) {
        return List.copyOf(ALLOWED.getOrDefault(kind, Map.of()).keySet());
    }

    static boolean isAllowed(String kind, String contentType) {
        return contentType != null && ALLOWED.getOrDefault(kind, Map.of()).containsKey(contentType);
    }

    /** The response headers a presigned GET makes S3 send (all signed into the URL, so a client cannot change them). */
    record Delivery(String contentType, String contentDisposition, String cacheControl) {
    }

    /**
     * How a lesson's object is served: its stored type when the kind allows it (otherwise as an
     * octet-stream attachment); documents as attachments, video and audio inline for the player;
     * cacheable only by the learner's own browser, for as long as the link is valid.
     */
    static Delivery delivery(Lesson lesson, Duration validity) {
        boolean allowed = isAllowed(lesson.kind(), lesson.mediaContentType());
        String type = allowed ? lesson.mediaContentType() : FALLBACK_TYPE;
        boolean inline = allowed && !"document".equals(lesson.kind());
        String extension = allowed ? ALLOWED.get(lesson.kind()).get(type) : "bin";
        return new Delivery(type, disposition(inline ? "inline" : "attachment", lesson.title(), extension),
                "private, max-age=" + validity.toSeconds());
    }

    /**
     * {@code attachment; filename="Intro-to-Java.pdf"; filename*=UTF-8''Intro%20to%20Java.pdf}: an ASCII
     * fallback without quotes, slashes or controls, and the title itself in RFC 8187 encoding for
     * browsers that read it (titles are often Chinese).
     */
    static String disposition(String type, String title, String extension) {
        String name = Optional.ofNullable(title).map(String::strip).orElse("");
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("-{2,}", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        ascii = ascii.length() > MAX_FILENAME_CHARS ? ascii.substring(0, MAX_FILENAME_CHARS) : ascii;
        String unicode = name.codePoints().filter(c -> !Character.isISOControl(c) && c != '"' && c != '\\' && c != '/')
                .limit(MAX_FILENAME_CHARS)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        String fallback = (ascii.isEmpty() ? "lesson" : ascii) + "." + extension;
        String encoded = encode((unicode.isEmpty() ? "lesson" : unicode) + "." + extension);
        return type + "; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }

    /** RFC 8187 {@code value-chars}: attr-chars as they are, every other byte of the UTF-8 form percent-encoded. */
    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static Map<String, String> ordered(String... typeAndExtension) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < typeAndExtension.length; i += 2) {
            map.put(typeAndExtension[i], typeAndExtension[i + 1]);
        }
        return map;
    }
}
