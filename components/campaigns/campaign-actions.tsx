"use client";

import { useEffect, useRef, useState } from "react";
import { useCampaignCommand } from "@/hooks/use-campaigns";
import type { Campaign } from "@/lib/api-types";
import { commandsFor, type CampaignCommand } from "@/lib/campaign-rules";
import { errorMessage } from "@/lib/form-errors";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toaster";

const COMMAND_TEXT: Record<CampaignCommand, { label: string; pending: string; done: string; className: string }> = {
  start: { label: "Start", pending: "Starting…", done: "started", className: "btn-primary" },
  resume: { label: "Resume", pending: "Resuming…", done: "resumed", className: "btn-primary" },
  pause: { label: "Pause", pending: "Pausing…", done: "paused", className: "btn-secondary" },
  stop: { label: "Stop", pending: "Stopping…", done: "stopped", className: "btn-secondary" },
};

/**
 * The start / pause / resume / stop buttons the campaign's current status allows. Stop asks first:
 * it sends pending and calling numbers back to pending with their attempts reset to 0.
 */
export function CampaignActions({ campaign, inTable = false }: { campaign: Pick<Campaign, "id" | "name" | "status">; inTable?: boolean }) {
  const command = useCampaignCommand(campaign.id);
  const toast = useToast();
  const [confirmingStop, setConfirmingStop] = useState(false);
  const [stopError, setStopError] = useState<string | null>(null);
  const buttonsRef = useRef<HTMLDivElement>(null);
  const refocusAfterCommand = useRef(false);

  // The pressed button is disabled while the command runs and usually replaced once the status
  // changes (Start becomes Pause), which drops keyboard focus on <body>: put it back on the new buttons.
  useEffect(() => {
    if (!refocusAfterCommand.current || command.isPending || confirmingStop) return;
    refocusAfterCommand.current = false;
    if (document.activeElement === document.body) buttonsRef.current?.querySelector<HTMLButtonElement>("button:enabled")?.focus();
  }, [command.isPending, confirmingStop, campaign.status]);

  function run(which: CampaignCommand) {
    refocusAfterCommand.current = true;
    command.mutate(which, {
      onSuccess: () => {
        setConfirmingStop(false);
        toast("success", `${campaign.name} ${COMMAND_TEXT[which].done}.`);
      },
      onError: (err) => {
        if (which === "stop") setStopError(errorMessage(err));
        else toast("error", errorMessage(err));
      },
    });
  }

  return (
    <>
      <div ref={buttonsRef} className="flex flex-wrap items-center gap-2">
        {commandsFor(campaign.status).map((which) => {
          const text = COMMAND_TEXT[which];
          const running = command.isPending && command.variables === which;
          return (
            <button
              key={which}
              type="button"
              className={`${text.className} ${inTable ? "px-2.5 py-1 text-xs" : ""}`}
              disabled={command.isPending}
              aria-label={inTable ? `${text.label} ${campaign.name}` : undefined}
              onClick={() => {
                if (which === "stop") {
                  setStopError(null);
                  setConfirmingStop(true);
                } else {
                  run(which);
                }
              }}
            >
              {running && which !== "stop" ? text.pending : text.label}
            </button>
          );
        })}
      </div>
      <ConfirmDialog
        open={confirmingStop}
        title={`Stop ${campaign.name}?`}
        confirmLabel="Stop campaign"
        pendingLabel="Stopping…"
        pending={command.isPending}
        error={stopError}
        onConfirm={() => run("stop")}
        onCancel={() => setConfirmingStop(false)}
      >
        <p>The dialer stops placing calls for this campaign.</p>
        <p>
          Every <strong>pending</strong> and <strong>calling</strong> number goes back to pending with its attempts reset to 0, so
          starting again dials them from scratch. Numbers that already have a result keep it.
        </p>
      </ConfirmDialog>
    </>
  );
}
