import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A video or audio element over a presigned URL. The URL expires after minutes, so when the media
 * fails the player asks for a fresh one once and resumes where the learner was; a second failure
 * means the file itself cannot play here, which the learner is told in words.
 */
export function MediaPlayer({
  kind,
  url,
  startAt,
  freshUrl,
  onPosition,
  onEnded,
}: {
  kind: "video" | "audio";
  url: string;
  startAt: number;
  freshUrl: () => Promise<string | undefined>;
  /** the position to save: `true` when playback stopped (pause) */
  onPosition: (seconds: number) => void;
  onEnded: (seconds: number) => void;
}) {
  const { t } = useTranslation("learner");
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  const [src, setSrc] = useState(url);
  const [unplayable, setUnplayable] = useState(false);
  const resumeAt = useRef(startAt);
  const retried = useRef(false);
  const seeked = useRef(false);
  const resumePlaying = useRef(false);

  // the saved position may arrive after the media's metadata
  useEffect(() => {
    const media = ref.current;
    if (!seeked.current && startAt > 0) {
      resumeAt.current = startAt;
      if (media && media.readyState >= 1 && media.currentTime < 1) {
        media.currentTime = Math.min(startAt, (media.duration || startAt) - 1);
        seeked.current = true;
      }
    }
  }, [startAt]);

  // every ~15 s of playback
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      if (ref.current) onPosition(ref.current.currentTime);
    }, 15_000);
    return () => window.clearInterval(timer);
  }, [playing, onPosition]);

  const onError = async () => {
    const media = ref.current;
    if (media && media.currentTime > 0) resumeAt.current = media.currentTime;
    // an expired link stops playback mid-way: carry on once the fresh one loads
    resumePlaying.current = playing;
    if (retried.current) {
      setUnplayable(true);
      return;
    }
    retried.current = true;
    const fresh = await freshUrl().catch(() => undefined);
    if (!fresh) {
      setUnplayable(true);
      return;
    }
    seeked.current = false;
    // a link signed in the same second is the same link: load it again
    if (fresh === src) ref.current?.load();
    else setSrc(fresh);
  };

  const common = {
    ref,
    src,
    controls: true,
    preload: "metadata" as const,
    onLoadedMetadata: () => {
      const media = ref.current;
      if (media && !seeked.current && resumeAt.current > 0 && resumeAt.current < media.duration - 1) {
        media.currentTime = resumeAt.current;
      }
      seeked.current = true;
      if (media && resumePlaying.current) {
        resumePlaying.current = false;
        void media.play().catch(() => undefined);
      }
    },
    onPlaying: () => {
      retried.current = false;
      setUnplayable(false);
    },
    onPlay: () => {
      setPlaying(true);
      if (ref.current) onPosition(ref.current.currentTime);
    },
    onPause: () => {
      setPlaying(false);
      const media = ref.current;
      if (media && !media.ended) onPosition(media.currentTime);
    },
    onEnded: () => {
      setPlaying(false);
      if (ref.current) onEnded(ref.current.duration || ref.current.currentTime);
    },
    onError: () => void onError(),
  };

  return (
    <div className="media">
      {kind === "video" ? (
        <video {...common} data-testid="player-video" playsInline>
          {t("player.noVideoSupport")}
        </video>
      ) : (
        <audio {...common} data-testid="player-audio">
          {t("player.noAudioSupport")}
        </audio>
      )}
      {unplayable && (
        <div className="problem" role="alert" data-testid="player-error">
          <p className="problem-heading">{t(kind === "video" ? "player.videoUnplayable" : "player.audioUnplayable")}</p>
          <p>{t("player.unplayableDetail")}</p>
          <p className="row">
            <button
              type="button"
              onClick={() => {
                retried.current = false;
                setUnplayable(false);
                void onError();
              }}
            >
              {t("player.tryAgain")}
            </button>
            <a href={src} download>
              {t("player.downloadFile")}
            </a>
          </p>
        </div>
      )}
    </div>
  );
}
