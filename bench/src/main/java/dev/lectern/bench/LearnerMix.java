package dev.lectern.bench;

import dev.lectern.bench.CostModel.Invocation;
import dev.lectern.bench.CostModel.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * What one active learner does in a month, in requests: the assumptions of the learner cost
 * model (docs/cost.md), in one place. Measured routes take their figures from route-costs.json;
 * the routes that do not exist yet (progress, checkout, the Stripe webhook and the payments
 * consumer) are modelled on a measured route of the same shape, with their DynamoDB units and
 * messages stated here.
 */
final class LearnerMix {

    // --- the learner's month ---
    /** Learning sessions a month (about three a week) and their length. */
    static final double SESSIONS = 12;
    static final double SESSION_MINUTES = 30;
    static final double LEARNING_HOURS = SESSIONS * SESSION_MINUTES / 60;
    /** Access tokens last 15 minutes (TokenIssuer): a session refreshes at its start and every 15 minutes. */
    static final double ACCESS_TOKEN_MINUTES = 15;
    /** Average lesson length; a content link lasts 5 minutes, so a resumed or sought video asks again (1.25 links a lesson). */
    static final double LESSON_MINUTES = 8;
    static final double LINKS_PER_LESSON = 1.25;
    static final double LESSONS = SESSIONS * SESSION_MINUTES / LESSON_MINUTES;
    /** A player reads a video or audio file with a few range requests: S3 GETs per content link. */
    static final double S3_GETS_PER_LINK = 3;
    /** Progress as the issue states it: a small conditional write every 30 s of learning. */
    static final double PROGRESS_SECONDS = 30;
    /**
     * A paid event applied, by DynamoDB's billing rule (docs/performance.md, "Commerce"): 3 consistent
     * reads, and a transaction of nine items under 1 KB at 2 units each plus the order's index entry.
     */
    static final double PAYMENT_EVENT_READ_UNITS = 3;
    static final double PAYMENT_EVENT_WRITE_UNITS = 19;

    /** Purchases per active learner-month; checkouts started per purchase; Stripe webhook deliveries per purchase. */
    static final double PURCHASES = 0.2;
    static final double CHECKOUTS_PER_PURCHASE = 1.5;
    static final double WEBHOOKS_PER_PURCHASE = 2;
    /** How long a learner stays: the registration (and half an erasure) spread over it. */
    static final double MONTHS_PER_ACCOUNT = 12;
    /**
     * Table bytes a learner keeps: account, email claim and status (≈ 1.5 KB), sessions and refresh
     * tokens of 30 days with their index copies (≈ 16 KB), entitlements (≈ 1.5 KB) and progress of
     * about 50 lessons (≈ 12.5 KB), with DynamoDB's 100 bytes an item.
     */
    static final double TABLE_BYTES_PER_LEARNER = 32 * 1024;

    // --- media (counted apart: docs/cost.md, "Media delivery") ---
    /** Share of learning time spent on video at 1.5 Mbit/s (720p) and on audio at 128 kbit/s; the rest reads. */
    static final double VIDEO_SHARE = 0.6;
    static final double VIDEO_BYTES_PER_HOUR = 1.5e6 / 8 * 3600;
    static final double AUDIO_SHARE = 0.15;
    static final double AUDIO_BYTES_PER_HOUR = 128e3 / 8 * 3600;

    /** Routes the mix models but the catalog does not have yet: none since progress landed. */
    static final int FUTURE_API_ROUTES = 0;
    static final int FUTURE_CONSUMERS = 0;
    /** State changes per invocation of the outbox relay: the stream mapping hands it what arrived in a shard meanwhile (assumed, conservative). */
    static final double RECORDS_PER_RELAY_INVOCATION = 10;
    static final String PROGRESS = "PUT /courses/{courseId}/lessons/{lessonId}/progress";
    /**
     * The public reads whose answer is the same for everyone and records nothing are assumed sent without the token, so
     * that the web distribution's edge may answer them (docs/architecture.md, "The web distribution").
     */
    static final String WITHOUT_TOKEN = " (sent without the token: the edge may answer it)";

    private LearnerMix() {
    }

    /** One line of the mix: how many a learner-month, and why. */
    record Entry(Invocation invocation, String why) {
    }

    /** The mix with progress sent every {@code progressPerMonth} requests a month (720 at one every 30 s). */
    static List<Entry> mix(RouteCosts measured, double progressPerMonth) {
        List<Entry> mix = new ArrayList<>();
        double sessions = SESSIONS;
        add(mix, measured, "POST /auth/register", Kind.API, 1 / MONTHS_PER_ACCOUNT, "once per account, spread over its 12 months");
        add(mix, measured, "POST /auth/login", Kind.API, 1, "a new device or a lapsed 30-day session, once a month");
        add(mix, measured, "POST /auth/refresh", Kind.API, sessions * (1 + SESSION_MINUTES / ACCESS_TOKEN_MINUTES),
                "at the start of each session and every 15 minutes of it");
        add(mix, measured, "POST /auth/logout", Kind.API, 0.25, "most learners never sign out");
        add(mix, measured, "GET /me", Kind.API, sessions, "once a session");
        add(mix, measured, "GET /me/library", Kind.API, sessions, "once a session: the learner's home");
        add(mix, measured, "GET /courses", Kind.PUBLIC_API, 2 * sessions, "browse: two listing pages a session" + WITHOUT_TOKEN);
        add(mix, measured, "GET /courses/search", Kind.API, 0.5 * sessions,
                "a search every other session (signed in: recorded for the learner, so no cache answers it)");
        add(mix, measured, "GET /courses/{courseId}", Kind.API, 3 * sessions,
                "the course being learnt and two others a session (signed in: the view is recorded for the learner, so no "
                        + "cache answers it)");
        add(mix, measured, "GET /courses/{courseId}/reviews", Kind.PUBLIC_API, 0.5 * sessions, "every other session" + WITHOUT_TOKEN);
        add(mix, measured, "GET /creators/{creatorId}", Kind.PUBLIC_API, 0.25 * sessions, "now and then" + WITHOUT_TOKEN);
        Invocation content = invocation(measured, "GET /courses/{courseId}/lessons/{lessonId}/content", Kind.API,
                LESSONS * LINKS_PER_LESSON).withS3Gets(S3_GETS_PER_LINK);
        mix.add(new Entry(content, String.format("%.0f lessons of %.0f min × %.2f links (a link lasts 5 min); %.0f S3 range "
                + "GETs a link", LESSONS, LESSON_MINUTES, LINKS_PER_LESSON, S3_GETS_PER_LINK)));
        add(mix, measured, "POST /courses/{courseId}/enroll", Kind.API, 0.5, "a free course every other month");
        add(mix, measured, "POST /courses/{courseId}/reviews", Kind.API, 0.1, "one review in ten months");
        add(mix, measured, "PUT /courses/{courseId}/reviews", Kind.API, 0.02, "rare");
        add(mix, measured, "PATCH /me", Kind.API, 0.05, "rare");
        add(mix, measured, "GET /me/export", Kind.API, 0.01, "rare");
        add(mix, measured, "DELETE /me", Kind.API, 0.5 / MONTHS_PER_ACCOUNT, "half the accounts are erased when they leave");

        RouteCosts.Route progress = measured.route(PROGRESS);
        mix.add(new Entry(new Invocation(PROGRESS, "measured", progressPerMonth, Kind.API, progress.memoryMb(), progress.durationMs(),
                progress.readUnits(), progress.writeUnits(), progress.logBytes(), progress.logLines(), progress.emfBytes(),
                progress.emfLines(), progress.responseBytes(), 1, 0, 0),
                String.format("%.0f h of learning, one every %.0f s; account status, one BatchGetItem (course, lesson, "
                        + "entitlement, progress), one conditional UpdateItem of a progress item under 1 KB; its behaviour "
                        + "event leaves through the table's stream (counted here as one event)", LEARNING_HOURS,
                        LEARNING_HOURS * 3600 / progressPerMonth)));
        add(mix, measured, "GET /me/courses/{courseId}/progress", Kind.API, sessions, "once a session: the course page's progress");
        add(mix, measured, "GET /courses/trending", Kind.PUBLIC_API, sessions, "once a session: the home page" + WITHOUT_TOKEN);
        add(mix, measured, "GET /me/recommendations", Kind.API, sessions, "once a session: the home page's \"for you\"");
        add(mix, measured, "GET /courses/{courseId}/similar", Kind.PUBLIC_API, 3 * sessions,
                "with each course page" + WITHOUT_TOKEN + ", kept 5 minutes");
        RouteCosts.Route events = measured.route("POST /events");
        mix.add(new Entry(new Invocation("POST /events", "measured", sessions, Kind.API, events.memoryMb(), events.durationMs(),
                events.readUnits(), events.writeUnits(), events.logBytes(), events.logLines(), events.emfBytes(), events.emfLines(),
                events.responseBytes(), 5, 0, 0), "a batch of 5 client events (views, recommendation clicks) a session"));
        double stateChanges = progressPerMonth + 0.5 + 0.1 + PURCHASES * 2;
        mix.add(new Entry(new Invocation("outbox relay", "modelled: enroll's duration, no table units (stream reads are free)",
                stateChanges / RECORDS_PER_RELAY_INVOCATION, Kind.CONSUMER, 512, measured.route("POST /courses/{courseId}/enroll").durationMs(),
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                String.format("the state changes (progress, enrolments, reviews, payments) at %.0f records an invocation",
                        RECORDS_PER_RELAY_INVOCATION)));
        add(mix, measured, "POST /checkout", Kind.API, PURCHASES * CHECKOUTS_PER_PURCHASE,
                "a Checkout Session per purchase started (1.5 per purchase); its wait on Stripe's API is billed duration");
        add(mix, measured, "POST /webhooks/stripe", Kind.API, PURCHASES * WEBHOOKS_PER_PURCHASE,
                "2 deliveries a purchase; verify the signature, one SendMessage to payments.fifo, 200");
        add(mix, measured, "GET /me/orders", Kind.API, PURCHASES * 2, "a look at one's orders after buying");
        RouteCosts.Route enroll = measured.route("POST /courses/{courseId}/enroll");
        mix.add(new Entry(new Invocation("payments consumer", "measured units (billing rule), enroll's duration",
                PURCHASES * WEBHOOKS_PER_PURCHASE, Kind.CONSUMER, 512, enroll.durationMs(), PAYMENT_EVENT_READ_UNITS,
                PAYMENT_EVENT_WRITE_UNITS, enroll.logBytes(), enroll.logLines(), enroll.emfBytes(), enroll.emfLines(), 0, 0, 2, 0),
                "one invocation a message (FIFO groups of one); a paid event reads the order, its event record and the "
                        + "entitlement and writes nine items in one transaction (docs/performance.md, \"Commerce\"); receive and delete"));
        return List.copyOf(mix);
    }

    private static void add(List<Entry> mix, RouteCosts measured, String key, Kind kind, double calls, String why) {
        mix.add(new Entry(invocation(measured, key, kind, calls), why));
    }

    private static Invocation invocation(RouteCosts measured, String key, Kind kind, double calls) {
        RouteCosts.Route r = measured.route(key);
        return new Invocation(key, "measured", calls, kind, r.memoryMb(), r.durationMs(), r.readUnits(), r.writeUnits(),
                r.logBytes(), r.logLines(), r.emfBytes(), r.emfLines(), r.responseBytes(), 0, 0, 0);
    }

    /** Progress a month at one request every 30 s of learning, as the issue states it. */
    static double progressEvery30s() {
        return LEARNING_HOURS * 3600 / PROGRESS_SECONDS;
    }

    /** Progress batched on the client: every 5 minutes of learning, and once when a lesson ends or the player pauses. */
    static double progressBatched() {
        return LEARNING_HOURS * 60 / 5 + LESSONS;
    }

    /** Media bytes a learner's month streams, in GB. */
    static double mediaGb() {
        return LEARNING_HOURS * (VIDEO_SHARE * VIDEO_BYTES_PER_HOUR + AUDIO_SHARE * AUDIO_BYTES_PER_HOUR) / CostModel.GB;
    }

    static List<Invocation> invocations(List<Entry> mix) {
        return mix.stream().map(Entry::invocation).toList();
    }
}
