import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { publicApi, call } from "../../api/client";
import { Loading } from "../../components/Loading";
import { ProblemMessage } from "../../components/ProblemMessage";
import { CourseCard, CourseGrid } from "../../components/learner/CourseCard";
import "../../styles/learner.css";

export default function CreatorPage() {
  const { creatorId = "" } = useParams();
  const { t } = useTranslation("learner");
  const creator = useQuery({
    queryKey: ["creator", creatorId],
    queryFn: () => call(publicApi.GET("/creators/{creatorId}", { params: { path: { creatorId } } })),
  });
  if (creator.isPending) return <Loading />;
  if (creator.isError) return <ProblemMessage error={creator.error} onRetry={() => void creator.refetch()} />;
  return (
    <>
      <h1>{creator.data.displayName}</h1>
      <h2>{t("creator.courses", { count: creator.data.courses.length })}</h2>
      <CourseGrid>
        {creator.data.courses.map((course) => (
          <CourseCard key={course.id} course={course} source="creator" />
        ))}
      </CourseGrid>
    </>
  );
}
