"use client";

import { useEffect, useRef, useState } from "react";
import { formatDuration } from "@/lib/format";

/** How far the arrow keys move the seek bar, in seconds. */
const SEEK_STEP_SEC = 1;

/**
 * A recording's player: play/pause, a seek bar over the whole call with the elapsed and total
 * time, all reachable by keyboard (the seek bar is a native range: arrows, Page Up/Down, Home,
 * End). The audio element has no controls of its own; the browser fetches the parts it needs with
 * Range requests, so seeking into a long call does not download it first.
 */
export function RecordingPlayer({ src, name, onFailed }: { src: string; name: string; onFailed: () => void }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState<number | null>(null);

  // Opened by a click on Play: start at once (the click is the gesture browsers ask for).
  useEffect(() => {
    audio.current?.play().catch(() => setPlaying(false));
  }, []);

  const known = duration !== null && Number.isFinite(duration);
  const elapsed = formatDuration(Math.floor(position));
  const total = known ? formatDuration(duration) : "–:––";

  function toggle() {
    const a = audio.current;
    if (!a) return;
    if (a.paused) void a.play().catch(() => setPlaying(false));
    else a.pause();
  }

  return (
    <div role="group" aria-label={`Player for recording ${name}`} className="grid w-36 grid-cols-[auto_minmax(0,1fr)] items-center gap-x-2">
      <audio
        ref={audio}
        preload="metadata"
        src={src}
        onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
        onDurationChange={(e) => setDuration(e.currentTarget.duration)}
        onTimeUpdate={(e) => setPosition(e.currentTarget.currentTime)}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onError={onFailed}
      />
      <button
        type="button"
        className="btn-secondary row-span-2 h-7 w-12 px-0! text-xs"
        aria-label={`${playing ? "Pause" : "Play"} recording ${name}`}
        onClick={toggle}
      >
        {playing ? "Pause" : "Play"}
      </button>
      <input
        type="range"
        className="h-1.5 w-full cursor-pointer accent-brand-600"
        min={0}
        max={known ? duration : 0}
        step={SEEK_STEP_SEC}
        value={Math.min(position, known ? duration : 0)}
        disabled={!known}
        aria-label={`Seek in recording ${name}`}
        aria-valuetext={`${elapsed} of ${total}`}
        onChange={(e) => {
          const t = Number(e.target.value);
          setPosition(t);
          if (audio.current) audio.current.currentTime = t;
        }}
      />
      <span className="font-mono text-[11px] text-slate-600 tabular-nums dark:text-slate-300" aria-hidden="true">
        <span data-testid="recording-elapsed">{elapsed}</span> / <span data-testid="recording-total">{total}</span>
      </span>
    </div>
  );
}
