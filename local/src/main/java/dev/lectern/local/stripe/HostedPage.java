package dev.lectern.local.stripe;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The hosted payment page at a session's {@code url}: what it sells and for how much, with Pay and
 * Decline buttons (and delayed payments that succeed or fail). Pay completes the session and
 * redirects (303) to its {@code success_url}; Decline is a declined card: the session stays open
 * and no event is sent. Everything shown is escaped.
 */
final class HostedPage {

    private HostedPage() {
    }

    static StripeStandIn.ControlResponse serve(Ledger ledger, String method, String sessionId, byte[] body, Map<String, String> headers) {
        Map<String, Object> session;
        try {
            session = ledger.session(sessionId);
        } catch (StripeError e) {
            return page(404, "Not found", "<p>There is no Checkout Session " + escape(sessionId) + ".</p>");
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            return render(session, ledger.productName(sessionId), null);
        }
        if (!method.equals("POST")) {
            headers.put("Allow", "GET, POST");
            return page(405, "Method not allowed", "<p>Use GET or POST.</p>");
        }
        String action = FormParams.parse(new String(body, StandardCharsets.UTF_8)).getOrDefault("action", "pay").toString();
        Ledger.Outcome outcome = switch (action) {
            case "pay" -> Ledger.Outcome.PAID;
            case "async_success" -> Ledger.Outcome.ASYNC_SUCCESS;
            case "async_failure" -> Ledger.Outcome.ASYNC_FAILURE;
            case "decline" -> null;
            default -> Ledger.Outcome.PAID;
        };
        if (!"open".equals(session.get("status"))) {
            return render(session, ledger.productName(sessionId), null);
        }
        if (outcome == null) {
            return render(session, ledger.productName(sessionId), "Your card was declined. Try another card.");
        }
        try {
            session = ledger.completeSession(sessionId, outcome);
        } catch (IllegalStateException raced) {
            return render(ledger.session(sessionId), ledger.productName(sessionId), null);
        }
        String successUrl = (String) session.get("success_url");
        if (successUrl == null) {
            return page(200, "Payment complete", "<p>Thanks, your payment is complete.</p>");
        }
        headers.put("Location", successUrl.replace("{CHECKOUT_SESSION_ID}", sessionId));
        return new StripeStandIn.ControlResponse(303, "text/html; charset=utf-8", new byte[0]);
    }

    private static StripeStandIn.ControlResponse render(Map<String, Object> session, String productName, String declined) {
        String id = (String) session.get("id");
        String amount = Ledger.formatAmount(((Number) session.get("amount_total")).longValue(), (String) session.get("currency"));
        StringBuilder html = new StringBuilder();
        html.append("<h1>").append(escape(productName)).append("</h1>\n");
        html.append("<p class=\"amount\">").append(escape(amount)).append("</p>\n");
        String status = (String) session.get("status");
        if (!"open".equals(status)) {
            html.append("<p>This Checkout Session is ").append(escape(status)).append(" (payment ")
                    .append(escape((String) session.get("payment_status"))).append(").</p>\n");
            if ("complete".equals(status) && session.get("success_url") != null) {
                html.append("<p><a href=\"").append(escape(((String) session.get("success_url")).replace("{CHECKOUT_SESSION_ID}", id)))
                        .append("\">Continue</a></p>\n");
            }
            return page(200, productName, html.toString());
        }
        if (declined != null) {
            html.append("<p class=\"declined\" role=\"alert\">").append(escape(declined)).append("</p>\n");
        }
        String action = "/pay/" + escape(id);
        html.append("<form method=\"post\" action=\"").append(action).append("\">\n")
                .append("  <button name=\"action\" value=\"pay\">Pay ").append(escape(amount)).append("</button>\n")
                .append("  <button name=\"action\" value=\"decline\">Decline (card declined)</button>\n")
                .append("</form>\n")
                .append("<details><summary>Delayed payment methods</summary>\n")
                .append("<form method=\"post\" action=\"").append(action).append("\">\n")
                .append("  <button name=\"action\" value=\"async_success\">Delayed payment that succeeds</button>\n")
                .append("  <button name=\"action\" value=\"async_failure\">Delayed payment that fails</button>\n")
                .append("</form></details>\n");
        if (session.get("cancel_url") != null) {
            html.append("<p><a href=\"").append(escape((String) session.get("cancel_url"))).append("\">Cancel and go back</a></p>\n");
        }
        html.append("<p class=\"note\">Local Stripe stand-in: no card is charged. Session ").append(escape(id)).append("</p>\n");
        return page(200, productName, html.toString());
    }

    private static StripeStandIn.ControlResponse page(int status, String title, String content) {
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%s · Checkout</title>
                  <style>
                    body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; }
                    .amount { font-size: 1.5rem; font-weight: bold; }
                    .declined { color: #b00020; }
                    button { margin: 0.25rem 0.5rem 0.25rem 0; padding: 0.5rem 1rem; }
                    .note { color: #666; font-size: 0.8rem; }
                  </style>
                </head>
                <body>
                %s</body>
                </html>
                """.formatted(escape(title), content);
        return new StripeStandIn.ControlResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
