import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { api, publicApi, call, type Schemas } from "../../api/client";
import { query } from "../../api/query";
import { useAuth } from "../../auth/AuthContext";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { CourseCard, CourseGrid } from "../../components/learner/CourseCard";
import { useCourse, useLibrary } from "../../components/learner/hooks";
import { languageName } from "../../components/learner/format";
import { trackRecommendationClicked } from "../../components/learner/events";
import "../../styles/learner.css";

export default function Home() {
  const { t } = useTranslation("learner");
  const { user } = useAuth();
  return (
    <>
      <h1 className="visually-hidden">{t("home.title")}</h1>
      {user === null && (
        <section className="panel hero">
          <h2>{t("home.heroTitle")}</h2>
          <p>{t("home.heroText")}</p>
          <p className="row">
            <Link className="button" to="/signup">
              {t("home.signUp")}
            </Link>
            <Link to="/browse">{t("home.browseAll")}</Link>
          </p>
        </section>
      )}
      {user && <ForYou />}
      <Trending />
      <Newest />
    </>
  );
}

function ForYou() {
  const { t, i18n } = useTranslation("learner");
  const language = i18n.resolvedLanguage === "zh" ? "zh-Hans" : "en";
  const recommendations = useQuery({
    queryKey: ["me", "recommendations", language],
    queryFn: () => call(api.GET("/me/recommendations", { params: { query: query("/me/recommendations", { limit: 8, language }) } })),
  });
  return (
    <section aria-labelledby="for-you-title" data-testid="for-you">
      <h2 id="for-you-title">{t("home.forYou")}</h2>
      {recommendations.isPending && <Loading />}
      <ProblemMessage error={recommendations.error} onRetry={() => void recommendations.refetch()} />
      {recommendations.data && recommendations.data.items.length === 0 && <p className="muted">{t("home.forYouEmpty")}</p>}
      {recommendations.data && (
        <CourseGrid>
          {recommendations.data.items.map((item, position) => (
            <CourseCard
              key={item.course.id}
              course={item.course}
              source="recommendation"
              onOpen={() => trackRecommendationClicked(item.course.id, recommendations.data.modelVersion, item.reason.type, position)}
            >
              <Reason reason={item.reason} />
            </CourseCard>
          ))}
        </CourseGrid>
      )}
    </section>
  );
}

function Reason({ reason }: { reason: Schemas["RecommendationReason"] }) {
  const { t, i18n } = useTranslation("learner");
  if (reason.type === "because_you_took" && reason.courseId) return <BecauseYouTook courseId={reason.courseId} />;
  if (reason.type === "popular_in" && reason.tag) return <p className="reason">{t("reason.popularInTag", { tag: reason.tag })}</p>;
  if (reason.type === "popular_in" && reason.language) {
    return <p className="reason">{t("reason.popularInLanguage", { language: languageName(reason.language, i18n.resolvedLanguage ?? "en") })}</p>;
  }
  return <p className="reason">{t("reason.trending")}</p>;
}

function BecauseYouTook({ courseId }: { courseId: string }) {
  const { t } = useTranslation("learner");
  // the course is one the learner has, so the library names it; asking for the course itself
  // would count as a view of it
  const library = useLibrary();
  const owned = library.data?.items.find((item) => item.course.id === courseId)?.course.title;
  const course = useCourse(library.isSuccess && !owned ? courseId : undefined);
  return (
    <p className="reason">
      {t("reason.becauseYouTook")}{" "}
      <Link to={`/course/${courseId}`}>{owned ?? course.data?.title ?? t("reason.aCourse")}</Link>
    </p>
  );
}

function Trending() {
  const { t } = useTranslation("learner");
  const trending = useQuery({
    queryKey: ["courses", "trending"],
    queryFn: () => call(publicApi.GET("/courses/trending", { params: { query: query("/courses/trending", { limit: 8 }) } })),
  });
  return (
    <section aria-labelledby="trending-title" data-testid="trending">
      <h2 id="trending-title">{t("home.trending")}</h2>
      {trending.isPending && <Loading />}
      <ProblemMessage error={trending.error} onRetry={() => void trending.refetch()} />
      {trending.data && trending.data.items.length === 0 && <p className="muted">{t("home.trendingEmpty")}</p>}
      {trending.data && (
        <CourseGrid>
          {trending.data.items.map((item) => (
            <CourseCard key={item.course.id} course={item.course} source="trending" />
          ))}
        </CourseGrid>
      )}
    </section>
  );
}

function Newest() {
  const { t } = useTranslation("learner");
  const newest = useQuery({
    queryKey: ["courses", "newest-home"],
    queryFn: () => call(publicApi.GET("/courses", { params: { query: query("/courses", { sort: "newest", limit: 8 }) } })),
  });
  return (
    <section aria-labelledby="newest-title" data-testid="newest">
      <h2 id="newest-title">{t("home.newest")}</h2>
      {newest.isPending && <Loading />}
      <ProblemMessage error={newest.error} onRetry={() => void newest.refetch()} />
      {newest.data && (
        <CourseGrid>
          {newest.data.items.map((course) => (
            <CourseCard key={course.id} course={course} source="newest" />
          ))}
        </CourseGrid>
      )}
      <p>
        <Link to="/browse">{t("home.browseAll")}</Link>
      </p>
    </section>
  );
}
