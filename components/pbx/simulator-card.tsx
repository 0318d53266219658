import type { PbxSimulator } from "@/lib/api-types";
import { formatMilliseconds } from "@/lib/format";
import { PbxHealthBadge } from "./pbx-health-badge";

/** Shown while no PBX server is configured and Pacer dials into its own simulated PBX instead. */
export function SimulatorCard({ simulator }: { simulator: PbxSimulator }) {
  return (
    <section aria-labelledby="pbx-simulator-heading" className="card p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-3xl">
          <h2 id="pbx-simulator-heading" className="font-semibold">
            Built-in PBX simulator
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
            With no PBX server configured, Pacer runs a simulated PBX on this machine that rings, answers and hangs up calls like a real one, so
            campaigns can be tried without telephony; adding a server below replaces it.
          </p>
        </div>
        <PbxHealthBadge enabled health={simulator} />
      </div>
      <dl className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">ARI URL</dt>
          <dd className="mt-0.5 font-mono">{simulator.ari_url ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">ESL port</dt>
          <dd className="mt-0.5 font-mono">{simulator.esl_port ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">Round trip</dt>
          <dd className="mt-0.5 tabular-nums">{simulator.connected && simulator.rtt_ms !== null ? formatMilliseconds(simulator.rtt_ms) : "—"}</dd>
        </div>
      </dl>
      {!simulator.connected && simulator.last_error && <p className="mt-3 text-sm text-red-700 dark:text-red-400">{simulator.last_error}</p>}
    </section>
  );
}
