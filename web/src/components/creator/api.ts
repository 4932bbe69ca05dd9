import { useInfiniteQuery } from "@tanstack/react-query";
import { api, call, ApiError, type Schemas } from "../../api/client";
import { query } from "../../api/query";

/** The react-query keys of the studio: one place, so mutations invalidate what they change. */
export const keys = {
  myCourses: ["creator", "courses"] as const,
  course: (courseId: string) => ["creator", "course", courseId] as const,
  lessonBody: (courseId: string, lessonId: string) => ["creator", "lesson-body", courseId, lessonId] as const,
  coupons: (courseId: string) => ["creator", "coupons", courseId] as const,
  earnings: (from: string, to: string) => ["creator", "earnings", from, to] as const,
  analytics: (from: string, to: string, courseId: string) => ["creator", "analytics", from, to, courseId] as const,
  platform: (from: string, to: string) => ["admin", "analytics", from, to] as const,
  revenue: (from: string, to: string) => ["admin", "revenue", from, to] as const,
};

/** The caller's own courses, drafts included, a page at a time. */
export function useMyCourses(limit = 20) {
  return useInfiniteQuery({
    queryKey: [...keys.myCourses, limit],
    queryFn: ({ pageParam }) => call(api.GET("/creators/me/courses", { params: { query: query("/creators/me/courses", { limit, cursor: pageParam }) } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** A key for one submission: the same while it is retried, a new one after it succeeded. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export function isStatus(error: unknown, status: number): boolean {
  return error instanceof ApiError && error.status === status;
}

/** The course as its owner sees it (draft and syllabus), with the ETag a change must name. */
export async function loadCourse(courseId: string): Promise<{ view: Schemas["CourseView"]; etag: string | null }> {
  // no-cache: the browser may keep the answer, but must ask (If-None-Match) before using it after an edit
  const pending = api.GET("/courses/{courseId}", { params: { path: { courseId } }, cache: "no-cache" });
  const view = await call(pending);
  return { view, etag: (await pending).response.headers.get("ETag") };
}
