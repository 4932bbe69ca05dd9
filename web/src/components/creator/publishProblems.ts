import type { TFunction } from "i18next";
import { ApiError } from "../../api/client";

type Lesson = { id: string; title: string; kind: string };

/**
 * What a 422 from publish says is missing, in the reader's words: its field names the lesson
 * (`lessons.<id>`), which we name by title; a message we do not know is shown as the API wrote it.
 */
export function publishMissing(error: unknown, lessons: Lesson[], t: TFunction<"creator">): string[] | null {
  if (!(error instanceof ApiError) || error.status !== 422 || !error.problem?.errors) return null;
  return error.problem.errors.map(({ field, message }) => {
    if (field === "lessons") return t("publish.noLessons");
    const lesson = lessons.find((l) => field === `lessons.${l.id}`);
    if (!lesson) return message;
    if (message.includes("uploaded")) return t("publish.notUploaded", { title: lesson.title, kind: t(`kindInSentence.${lesson.kind}`) });
    if (message.includes("body")) return t("publish.noBody", { title: lesson.title });
    return t("publish.lessonProblem", { title: lesson.title, message });
  });
}
