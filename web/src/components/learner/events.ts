// The three events a learner's client reports. ClientEvent's `props` is typed as an empty record by
// the generator (its shape depends on `type`, which TypeScript cannot follow from the JSON
// schema), hence the casts; the shapes below are the schema's.
import { track } from "../../api/events";
import { currentSession } from "../../api/session";

// Views and searches: the API records them itself for a signed-in caller (GET /courses/{id},
// GET /courses/search), never for a visitor whose request carries no device id — and the app
// sends none on reads, because the edge caches visitors' reads and would hide them from the API
// anyway. So the app reports them only for visitors, and nothing is counted twice.
export function trackCourseViewed(courseId: string, source: string): void {
  if (currentSession()) return;
  track({ type: "course_viewed", courseId, props: { source } as never });
}

export function trackSearch(query: string, resultCount: number): void {
  if (currentSession()) return;
  track({ type: "search_performed", props: { query: query.slice(0, 200), resultCount } as never });
}

export function trackRecommendationClicked(courseId: string, modelVersion: string, reason: string, position: number): void {
  track({
    type: "recommendation_clicked",
    courseId,
    props: { modelVersion, reason: reason.slice(0, 100), position } as never,
  });
}

/** Where a course page was opened from, passed in the link's state, for course_viewed. */
export type CourseSource = "catalog" | "search" | "recommendation" | "trending" | "newest" | "similar" | "creator" | "library";
