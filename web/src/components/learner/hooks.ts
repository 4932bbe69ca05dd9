import { useQuery } from "@tanstack/react-query";
import { api, call } from "../../api/client";
import { useAuth } from "../../auth/AuthContext";

export function useCourse(courseId: string | undefined) {
  return useQuery({
    queryKey: ["course", courseId],
    queryFn: () => call(api.GET("/courses/{courseId}", { params: { path: { courseId: courseId! } } })),
    enabled: !!courseId,
  });
}

/** The signed-in learner's library; disabled (no data) for visitors. */
export function useLibrary() {
  const { user } = useAuth();
  return useQuery({
    queryKey: ["me", "library"],
    queryFn: () => call(api.GET("/me/library")),
    enabled: !!user,
  });
}

/**
 * Whether the learner may open every lesson: they have the course, or made it (or administer).
 * `undefined` while that is still being found out.
 */
export function useEntitled(courseId: string | undefined, creatorId: string | undefined): boolean | undefined {
  const { user, hasRole } = useAuth();
  const library = useLibrary();
  if (user === null) return false;
  if (user === undefined) return undefined;
  if (creatorId && user.id === creatorId) return true;
  if (hasRole("admin")) return true;
  if (!library.data) return library.isError ? false : undefined;
  return library.data.items.some((item) => item.course.id === courseId);
}
