package dev.lectern.local.stripe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stripe's form encoding, as stripe-java writes it: {@code a[b][0][c]=v} becomes nested maps and
 * lists ({@code a[]=v} and numeric indexes make lists). Values are strings, as on the wire.
 */
final class FormParams {

    private FormParams() {
    }

    static Map<String, Object> parse(String encoded) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return root;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(root, path(key), value);
        }
        return listify(root);
    }

    /** {@code a[b][0]} → [a, b, 0]; {@code a[]} → [a, ""]. */
    private static List<String> path(String key) {
        List<String> parts = new ArrayList<>();
        int open = key.indexOf('[');
        if (open < 0) {
            parts.add(key);
            return parts;
        }
        parts.add(key.substring(0, open));
        while (open >= 0 && open < key.length()) {
            int close = key.indexOf(']', open);
            if (close < 0) {
                throw StripeError.invalid(key, "Invalid parameter name: " + key);
            }
            parts.add(key.substring(open + 1, close));
            open = key.indexOf('[', close);
        }
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, String value) {
        Map<String, Object> node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String part = path.get(i);
            if (path.get(i + 1).isEmpty()) { // a[]=v: append
                Object existing = node.computeIfAbsent(part, k -> new LinkedHashMap<String, Object>());
                if (!(existing instanceof Map<?, ?> map)) {
                    throw StripeError.invalid(part, "Invalid array: " + part);
                }
                ((Map<String, Object>) map).put(String.valueOf(map.size()), value);
                return;
            }
            Object child = node.computeIfAbsent(part, k -> new LinkedHashMap<String, Object>());
            if (!(child instanceof Map<?, ?>)) {
                throw StripeError.invalid(part, "Invalid hash: " + part);
            }
            node = (Map<String, Object>) child;
        }
        node.put(path.getLast(), value);
    }

    /** Maps whose keys are all indexes become lists, in index order. */
    @SuppressWarnings("unchecked")
    private static <T> T listify(Map<String, Object> map) {
        Map<String, Object> converted = new LinkedHashMap<>();
        map.forEach((k, v) -> converted.put(k, v instanceof Map<?, ?> m ? listify((Map<String, Object>) m) : v));
        if (!converted.isEmpty() && converted.keySet().stream().allMatch(k -> k.matches("\\d{1,6}"))) {
            TreeMap<Integer, Object> ordered = new TreeMap<>();
            converted.forEach((k, v) -> ordered.put(Integer.parseInt(k), v));
            return (T) new ArrayList<>(ordered.values());
        }
        return (T) converted;
    }

    /** A canonical form of parsed parameters: the same parameters give the same string whatever their order. */
    @SuppressWarnings("unchecked")
    static String canonical(Object params) {
        if (params instanceof Map<?, ?> map) {
            TreeMap<String, String> sorted = new TreeMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> sorted.put(k, canonical(v)));
            return sorted.toString();
        }
        if (params instanceof List<?> list) {
            return list.stream().map(FormParams::canonical).toList().toString();
        }
        return String.valueOf(params);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
