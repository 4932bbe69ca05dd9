import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, publicApi, api, call, type Schemas } from "../../api/client";
import { query } from "../../api/query";
import { useAuth } from "../../auth/AuthContext";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { CourseCard, CourseGrid, RatingLine } from "../../components/learner/CourseCard";
import { LoadMore } from "../../components/learner/LoadMore";
import { Syllabus } from "../../components/learner/Syllabus";
import { useCourse, useEntitled, useLibrary } from "../../components/learner/hooks";
import { formatDate, languageName } from "../../components/learner/format";
import { trackCourseViewed } from "../../components/learner/events";
import { Money } from "../../components/Money";
import "../../styles/learner.css";

type CourseView = Schemas["CourseView"];

export default function CoursePage() {
  const { courseId = "" } = useParams();
  const { t, i18n } = useTranslation("learner");
  const location = useLocation();
  const course = useCourse(courseId);
  const entitled = useEntitled(courseId, course.data?.creatorId);

  // once per visit of this course, with where the link came from
  const viewed = useRef<string | null>(null);
  useEffect(() => {
    if (viewed.current === courseId) return;
    viewed.current = courseId;
    const source = (location.state as { source?: string } | null)?.source ?? "direct";
    trackCourseViewed(courseId, source);
  }, [courseId, location.state]);

  if (course.isPending) return <Loading />;
  if (course.isError) return <ProblemMessage error={course.error} onRetry={() => void course.refetch()} />;
  const c = course.data;
  const lang = c.language.startsWith("zh") ? "zh-Hans" : c.language;
  const uiLang = i18n.resolvedLanguage ?? "en";

  return (
    <div className="course-page">
      <header className="course-head" lang={lang}>
        <h1>{c.title}</h1>
        {c.subtitle && <p className="lead">{c.subtitle}</p>}
        <p className="meta" lang={uiLang === "zh" ? "zh-Hans" : "en"}>
          {t("course.by")} <Link to={`/creator/${c.creatorId}`}>{c.creatorName}</Link> · {t(`level.${c.level}`)} ·{" "}
          {languageName(c.language, uiLang)}
          {c.publishedAt && <> · {t("course.published", { date: formatDate(c.publishedAt, uiLang) })}</>}
        </p>
        <RatingLine rating={c.rating} />
        {c.tags.length > 0 && (
          <p>
            {c.tags.map((tag) => (
              <Link key={tag} className="tag" to={`/browse?tag=${encodeURIComponent(tag)}`}>
                {tag}
              </Link>
            ))}
          </p>
        )}
      </header>
      <div className="course-layout">
        <div className="course-main">
          {c.description && (
            <section aria-labelledby="about-title">
              <h2 id="about-title">{t("course.about")}</h2>
              <p className="description" lang={lang}>
                {c.description}
              </p>
            </section>
          )}
          <section aria-labelledby="syllabus-title">
            <h2 id="syllabus-title">{t("course.syllabus")}</h2>
            <Syllabus course={c} entitled={entitled === true} />
          </section>
          <Reviews course={c} entitled={entitled === true} />
        </div>
        <aside className="course-aside" aria-label={t("course.actions")}>
          <PurchaseBox course={c} entitled={entitled} />
        </aside>
      </div>
      <Similar courseId={courseId} />
    </div>
  );
}

function firstLessonId(course: CourseView): string | undefined {
  return course.syllabus.flatMap((section) => section.lessons)[0]?.id;
}

function PurchaseBox({ course, entitled }: { course: CourseView; entitled: boolean | undefined }) {
  const { t } = useTranslation("learner");
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const library = useLibrary();
  const [coupon, setCoupon] = useState("");
  const free = course.price.amount === 0;
  const signInFirst = () => navigate(`/signin?next=${encodeURIComponent(`/course/${course.id}`)}`);

  const enroll = useMutation({
    mutationFn: () => call(api.POST("/courses/{courseId}/enroll", { params: { path: { courseId: course.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["me"] }),
  });
  const checkout = useMutation({
    mutationFn: () =>
      call(
        api.POST("/checkout", {
          body: { courseId: course.id, ...(coupon.trim() ? { couponCode: coupon.trim() } : {}) },
          // a key per attempt: a double click is answered once, a new attempt makes a new order
          params: { header: { "Idempotency-Key": crypto.randomUUID() } },
        }),
      ),
    onSuccess: (result) => window.location.assign(result.checkoutUrl),
  });

  if (entitled === undefined) return <Loading />;

  if (entitled) {
    const item = library.data?.items.find((i) => i.course.id === course.id);
    const lessonId = item?.continueLessonId ?? firstLessonId(course);
    return (
      <div className="panel purchase">
        <p>{user?.id === course.creatorId ? t("course.yourCourse") : t("course.youHaveIt")}</p>
        {item && item.percentComplete > 0 && (
          <p>
            <progress className="progress" max={100} value={item.percentComplete} aria-label={t("library.progress")} />{" "}
            {t("library.percent", { percent: item.percentComplete })}
          </p>
        )}
        {lessonId && (
          <Link className="button" to={`/learn/${course.id}/${lessonId}`} data-testid="go-to-course">
            {item && item.percentComplete > 0 ? t("course.continue") : t("course.goToCourse")}
          </Link>
        )}
      </div>
    );
  }

  return (
    <div className="panel purchase">
      <p className="price-big">
        <Money value={course.price} />
      </p>
      {free ? (
        <>
          <button
            type="button"
            data-testid="enroll-button"
            disabled={enroll.isPending}
            onClick={() => (user ? enroll.mutate() : signInFirst())}
          >
            {enroll.isPending ? t("course.enrolling") : t("course.enroll")}
          </button>
          <ProblemMessage error={enroll.error} />
        </>
      ) : (
        <form
          className="form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (!user) signInFirst();
            else checkout.mutate();
          }}
        >
          <label>
            {t("course.couponCode")}
            <input
              data-testid="coupon-input"
              name="coupon"
              autoComplete="off"
              value={coupon}
              maxLength={64}
              onChange={(e) => setCoupon(e.target.value)}
            />
          </label>
          <button type="submit" data-testid="buy-button" disabled={checkout.isPending}>
            {checkout.isPending ? t("course.redirecting") : t("course.buy")}
          </button>
          {!user && <p className="muted small">{t("course.signInToBuy")}</p>}
          <ProblemMessage error={checkout.error} />
        </form>
      )}
    </div>
  );
}

function Reviews({ course, entitled }: { course: CourseView; entitled: boolean }) {
  const { t, i18n } = useTranslation("learner");
  const { user } = useAuth();
  const reviews = useInfiniteQuery({
    queryKey: ["course", course.id, "reviews"],
    queryFn: ({ pageParam }) =>
      call(publicApi.GET("/courses/{courseId}/reviews", {
          params: { path: { courseId: course.id }, query: query("/courses/{courseId}/reviews", { limit: 10, cursor: pageParam }) },
        })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = reviews.data?.pages.flatMap((page) => page.items) ?? [];
  const mine = user ? items.find((review) => review.userId === user.id) : undefined;
  const canReview = entitled && !!user && user.id !== course.creatorId;
  const uiLang = i18n.resolvedLanguage ?? "en";

  return (
    <section aria-labelledby="reviews-title">
      <h2 id="reviews-title">{t("reviews.title")}</h2>
      {canReview && <ReviewForm courseId={course.id} mine={mine} />}
      {reviews.isPending && <Loading />}
      <ProblemMessage error={reviews.error} onRetry={() => void reviews.refetch()} />
      {reviews.isSuccess && items.length === 0 && <p className="muted">{t("reviews.none")}</p>}
      <ul className="reviews">
        {items.map((review) => (
          <li key={review.userId} className="review">
            <p className="meta">
              <span className="stars" aria-hidden="true">
                {"★".repeat(review.rating)}
                {"☆".repeat(5 - review.rating)}
              </span>{" "}
              <span className="visually-hidden">{t("reviews.stars", { count: review.rating })}</span>
              {user?.id === review.userId ? t("reviews.you") : t("reviews.learner")} · {formatDate(review.createdAt, uiLang)}
            </p>
            {review.text && <p className="review-text">{review.text}</p>}
          </li>
        ))}
      </ul>
      <LoadMore hasMore={reviews.hasNextPage} loading={reviews.isFetchingNextPage} onClick={() => void reviews.fetchNextPage()} />
    </section>
  );
}

function ReviewForm({ courseId, mine }: { courseId: string; mine: Schemas["Review"] | undefined }) {
  const { t } = useTranslation("learner");
  const queryClient = useQueryClient();
  const [rating, setRating] = useState(mine ? String(mine.rating) : "");
  const [text, setText] = useState(mine?.text ?? "");
  const [editing, setEditing] = useState(!!mine);
  const [saved, setSaved] = useState(false);
  if (mine && !editing) {
    // the learner's own review appeared in the list (loaded after the form): edit that one
    setEditing(true);
    setRating(String(mine.rating));
    setText(mine.text);
  }

  const save = useMutation({
    mutationFn: async () => {
      const body = { rating: Number(rating), text: text.trim() };
      const path = { params: { path: { courseId } } };
      if (editing) return call(api.PUT("/courses/{courseId}/reviews", { ...path, body }));
      try {
        return await call(api.POST("/courses/{courseId}/reviews", { ...path, body, params: { ...path.params, header: { "Idempotency-Key": crypto.randomUUID() } } }));
      } catch (error) {
        // 409: they reviewed before (perhaps on another device): change that review instead
        if (error instanceof ApiError && error.status === 409) return call(api.PUT("/courses/{courseId}/reviews", { ...path, body }));
        throw error;
      }
    },
    onSuccess: () => {
      setEditing(true);
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: ["course", courseId] });
    },
  });

  return (
    <form
      className="form panel review-form"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        save.mutate();
      }}
    >
      <h3>{editing ? t("reviews.editTitle") : t("reviews.writeTitle")}</h3>
      <label>
        {t("reviews.rating")}
        <select data-testid="review-rating" required value={rating} onChange={(e) => setRating(e.target.value)}>
          <option value="">{t("reviews.choose")}</option>
          {[5, 4, 3, 2, 1].map((n) => (
            <option key={n} value={n}>
              {t("reviews.stars", { count: n })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("reviews.text")}
        <textarea data-testid="review-text" maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <ProblemMessage error={save.error} />
      {saved && (
        <p className="notice" role="status">
          {t("reviews.saved")}
        </p>
      )}
      <p>
        <button type="submit" data-testid="review-submit" disabled={save.isPending || !rating}>
          {save.isPending ? t("reviews.saving") : editing ? t("reviews.update") : t("reviews.submit")}
        </button>
      </p>
    </form>
  );
}

function Similar({ courseId }: { courseId: string }) {
  const { t } = useTranslation("learner");
  const similar = useQuery({
    queryKey: ["course", courseId, "similar"],
    queryFn: () => call(publicApi.GET("/courses/{courseId}/similar", { params: { path: { courseId }, query: query("/courses/{courseId}/similar", { limit: 4 }) } })),
  });
  return (
    <section aria-labelledby="similar-title" data-testid="similar">
      <h2 id="similar-title">{t("course.similar")}</h2>
      {similar.isPending && <Loading />}
      <ProblemMessage error={similar.error} onRetry={() => void similar.refetch()} />
      {similar.data && similar.data.items.length === 0 && <p className="muted">{t("course.noSimilar")}</p>}
      {similar.data && (
        <CourseGrid>
          {similar.data.items.map((item) => (
            <CourseCard key={item.course.id} course={item.course} source="similar" />
          ))}
        </CourseGrid>
      )}
    </section>
  );
}
