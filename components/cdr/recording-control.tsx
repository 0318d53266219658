"use client";

import { useState } from "react";
import { RecordingPlayer } from "./recording-player";

/**
 * A call's recording: Play opens a player on it (play/pause and a seek bar), Download saves the file. Both go through `GET /api/cdr/:id/recording`, which fetches it from the
 * PBX that recorded it and audits the download.
 */
export function RecordingControl({ cdrId, file }: { cdrId: number; file: string }) {
  const [playing, setPlaying] = useState(false);
  const [failed, setFailed] = useState(false);
  const name = file.split("/").pop() ?? file;
  const href = `/api/cdr/${cdrId}/recording`;
  return (
    <div className="flex min-w-40 flex-col gap-1">
      <div className="flex items-center gap-2 text-xs">
        <button
          type="button"
          className="font-medium text-brand-700 hover:underline dark:text-brand-100"
          aria-expanded={playing}
          aria-label={`${playing ? "Close the player for" : "Open the player for"} recording ${name}`}
          onClick={() => {
            setFailed(false);
            setPlaying((p) => !p);
          }}
        >
          {playing ? "Close" : "Listen"}
        </button>
        <a href={href} download={name} className="font-medium text-brand-700 hover:underline dark:text-brand-100" aria-label={`Download recording ${name}`}>
          Download
        </a>
      </div>
      {playing &&
        (failed ? (
          <p role="alert" className="text-xs text-red-700 dark:text-red-300">
            The recording could not be loaded. Download it to see why.
          </p>
        ) : (
          <RecordingPlayer src={`${href}?disposition=inline`} name={name} onFailed={() => setFailed(true)} />
        ))}
      <span className="max-w-36 truncate font-mono text-[11px] text-slate-500 dark:text-slate-400" title={file}>
        {name}
      </span>
    </div>
  );
}
