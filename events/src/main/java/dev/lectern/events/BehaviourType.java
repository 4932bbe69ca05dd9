package dev.lectern.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The behaviour event types: their name in the log and the API ({@code lesson_completed}), their
 * envelope type ({@code behaviour.lesson_completed}), their record, and whether clients may send
 * them through {@code POST /events}. State changes are produced only by the server, exactly when
 * the change commits, so a client can neither fake nor double them.
 */
public enum BehaviourType {
    COURSE_VIEWED("course_viewed", Behaviour.CourseViewed.class, true),
    SEARCH_PERFORMED("search_performed", Behaviour.SearchPerformed.class, true),
    RECOMMENDATION_CLICKED("recommendation_clicked", Behaviour.RecommendationClicked.class, true),
    ENROLLED("enrolled", Behaviour.Enrolled.class, false),
    ORDER_PAID("order_paid", Behaviour.OrderPaid.class, false),
    ORDER_REFUNDED("order_refunded", Behaviour.OrderRefunded.class, false),
    LESSON_STARTED("lesson_started", Behaviour.LessonStarted.class, false),
    LESSON_PROGRESS("lesson_progress", Behaviour.LessonProgress.class, false),
    LESSON_COMPLETED("lesson_completed", Behaviour.LessonCompleted.class, false),
    REVIEW_POSTED("review_posted", Behaviour.ReviewPosted.class, false);

    public static final String ENVELOPE_PREFIX = "behaviour.";

    private static final Map<String, BehaviourType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(BehaviourType::typeName, Function.identity()));
    private static final Map<Class<?>, BehaviourType> BY_RECORD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(BehaviourType::record, Function.identity()));

    private final String typeName;
    private final Class<? extends Behaviour> record;
    private final boolean clientMaySend;

    BehaviourType(String typeName, Class<? extends Behaviour> record, boolean clientMaySend) {
        this.typeName = typeName;
        this.record = record;
        this.clientMaySend = clientMaySend;
    }

    public String typeName() {
        return typeName;
    }

    public Class<? extends Behaviour> record() {
        return record;
    }

    public boolean clientMaySend() {
        return clientMaySend;
    }

    public String envelopeType() {
        return ENVELOPE_PREFIX + typeName;
    }

    /** The classpath resource of this type's payload schema. */
    public String schemaResource() {
        return "/schemas/behaviour/" + typeName + ".json";
    }

    public static Optional<BehaviourType> named(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }

    /** The type of an envelope, when it is a behaviour event. */
    public static Optional<BehaviourType> ofEnvelope(EventEnvelope envelope) {
        return envelope.type().startsWith(ENVELOPE_PREFIX)
                ? named(envelope.type().substring(ENVELOPE_PREFIX.length()))
                : Optional.empty();
    }

    public static BehaviourType of(Behaviour behaviour) {
        return BY_RECORD.get(behaviour.getClass());
    }

    /** Binds a behaviour envelope's payload; {@link InvalidEventException} when it is not one. */
    public static Behaviour read(EventEnvelope envelope) {
        BehaviourType type = ofEnvelope(envelope)
                .orElseThrow(() -> new InvalidEventException("not a behaviour event: " + envelope.type(), null));
        return envelope.payloadAs(type.record());
    }
}
