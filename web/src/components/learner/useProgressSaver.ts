import { useCallback, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, api, call } from "../../api/client";

export type SaveStatus =
  | { state: "idle" }
  | { state: "saving"; position: number }
  | { state: "saved"; position: number; completed: boolean }
  | { state: "error"; error: unknown };

/**
 * Reports the learner's position in a lesson. Positions are whole seconds, never past the lesson's
 * declared duration (the API refuses that with 422); the same position twice is sent once.
 */
export function useProgressSaver(courseId: string, lessonId: string, enabled: boolean, durationSeconds: number | undefined) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>({ state: "idle" });
  const last = useRef<{ position: number; completed: boolean } | null>(null);

  const save = useCallback(
    async (seconds: number, completed = false, keepalive = false) => {
      if (!enabled || !Number.isFinite(seconds)) return;
      let position = Math.max(0, Math.floor(seconds));
      position = Math.min(position, durationSeconds ?? 86_400);
      if (last.current && last.current.position === position && (last.current.completed || !completed)) return;
      last.current = { position, completed: completed || (last.current?.completed ?? false) };
      if (!keepalive) setStatus({ state: "saving", position });
      try {
        const result = await call(
          api.PUT("/courses/{courseId}/lessons/{lessonId}/progress", {
            params: { path: { courseId, lessonId } },
            body: completed ? { positionSeconds: position, completed: true } : { positionSeconds: position },
            // the page may be going away: let the browser finish the request
            keepalive,
          }),
        );
        setStatus({ state: "saved", position: result.positionSeconds, completed: result.completed });
        if (completed) {
          void queryClient.invalidateQueries({ queryKey: ["me", "progress", courseId] });
          void queryClient.invalidateQueries({ queryKey: ["me", "library"] });
        }
      } catch (error) {
        last.current = null;
        // 409: two reports of this lesson raced; the next report settles it
        if (error instanceof ApiError && error.status === 409) return;
        setStatus({ state: "error", error });
      }
    },
    [enabled, courseId, lessonId, durationSeconds, queryClient],
  );
  return { save, status };
}
