"use client";

import { useId, useRef } from "react";
import { useFreeswitchIntegration } from "@/hooks/use-pbx";
import type { FreeswitchIntegration } from "@/lib/api-types";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorState } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { TableSkeleton } from "@/components/ui/skeleton";

type ConfigFile = FreeswitchIntegration["files"][number];

function ConfigFileBlock({ file }: { file: ConfigFile }) {
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  return (
    <div className="border-t border-slate-200 px-4 py-4 first:border-t-0 dark:border-slate-800">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-3xl">
          <h3 className="text-sm font-semibold">{file.title}</h3>
          <p className="mt-0.5 font-mono text-xs text-slate-600 dark:text-slate-300">{file.path}</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{file.description}</p>
        </div>
        <CopyButton text={file.content} field={fieldRef} label={`Copy ${file.title}`} className="btn-secondary" />
      </div>
      <label htmlFor={id} className="sr-only">
        {file.title}: {file.path}
      </label>
      <textarea
        ref={fieldRef}
        id={id}
        readOnly
        spellCheck={false}
        rows={Math.min(18, file.content.split("\n").length)}
        value={file.content}
        onFocus={(e) => e.currentTarget.select()}
        className="input mt-3 resize-y bg-slate-50 font-mono text-xs whitespace-pre dark:bg-slate-950"
      />
    </div>
  );
}

/** How to set FreeSWITCH up for Pacer, rendered for this install, each file with a Copy button. */
export function FreeswitchGuide() {
  const { data, isPending, error, refetch } = useFreeswitchIntegration();
  return (
    <Panel
      title="FreeSWITCH setup"
      description={
        <>
          The configuration Pacer expects of a FreeSWITCH: its event socket (Pacer places and controls calls over it), the dialplan for answering-machine
          detection and extensions, and mod_json_cdr posting each call&apos;s record to Pacer
          {data && (
            <>
              {" "}
              at <span className="font-mono">{data.intake_url}</span>
            </>
          )}
          . Replace the placeholders: the ESL password (give the same one here when adding the server), Pacer&apos;s address, and an API token with only the{" "}
          <span className="font-mono">cdr_intake/post</span> permission. The Asterisk files are in docs/integrations.
        </>
      }
    >
      {error ? (
        <div className="p-4">
          <ErrorState title="Could not load the FreeSWITCH setup" error={error} onRetry={() => refetch()} />
        </div>
      ) : isPending ? (
        <TableSkeleton columns={1} rows={4} label="Loading the FreeSWITCH setup" />
      ) : (
        data.files.map((file) => <ConfigFileBlock key={file.path} file={file} />)
      )}
    </Panel>
  );
}
