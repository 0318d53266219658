"use client";

import { useRef } from "react";
import { usePbxServers } from "@/hooks/use-pbx";
import { ErrorState, Notice } from "@/components/ui/notice";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { AddPbxServerForm } from "./add-pbx-server-form";
import { FreeswitchGuide } from "./freeswitch-guide";
import { PbxServerTable } from "./pbx-server-table";
import { SimulatorCard } from "./simulator-card";

export function PbxAdmin() {
  const { data, isPending, error, refetch } = usePbxServers();
  const toast = useToast();
  const serversHeadingRef = useRef<HTMLHeadingElement>(null);
  const noTelephony = data !== undefined && !data.simulator.running && !data.servers.some((s) => s.enabled);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">PBX servers</h1>
        <p className="mt-0.5 max-w-3xl text-sm text-slate-500 dark:text-slate-400">
          The Asterisk and FreeSWITCH servers Pacer places calls through. Pacer keeps a connection to each enabled server and reconnects on its own
          when one drops; the status below refreshes every few seconds.
        </p>
      </div>
      {error ? (
        <ErrorState title="Could not load PBX servers" error={error} onRetry={() => refetch()} />
      ) : isPending ? (
        <div className="card">
          <TableSkeleton columns={7} rows={3} label="Loading PBX servers" />
        </div>
      ) : (
        <>
          {data.simulator.running && <SimulatorCard simulator={data.simulator} />}
          {noTelephony && (
            <Notice tone="warning" title="No PBX connected">
              No server is enabled and the built-in simulator is switched off (PBX_SIMULATOR=0), so campaigns cannot place calls.
            </Notice>
          )}
          <PbxServerTable servers={data.servers} headingRef={serversHeadingRef} />
        </>
      )}
      <AddPbxServerForm
        replacesSimulator={data?.simulator.running ?? false}
        onCreated={(server) => {
          toast("success", `PBX server ${server.name} added.`);
          serversHeadingRef.current?.focus();
        }}
      />
      <FreeswitchGuide />
    </div>
  );
}
