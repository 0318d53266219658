import type { Row } from "./metrics";
import { ABANDON_CAP } from "./scenarios";

/** Issue 5's acceptance points, checked on the benchmark's rows; one line per point, with the figures behind it. */
export type Check = { point: string; pass: boolean; detail: string };

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const key = (r: Row) => `${r.scenario}/${r.agents}/${r.answerRate}`;

export function checkAcceptance(rows: readonly Row[]): Check[] {
  const by = (policy: string) => new Map(rows.filter((r) => r.policy === policy).map((r) => [key(r), r]));
  const pacer = [...by("pacer").values()];
  const vici = by("vicidial-adapt");
  const fixed = by("fixed-ratio");
  const tuned = by("fixed-ratio-base");
  const checks: Check[] = [];
  const add = (point: string, failures: string[], ok: string) => checks.push({ point, pass: failures.length === 0, detail: failures.length ? failures.join("; ") : ok });

  const over = pacer.filter((r) => r.abandonRate > ABANDON_CAP);
  const worst = Math.max(...pacer.map((r) => r.abandonRate));
  add("shift abandon ≤ 3 % in every scenario", over.map((r) => `${key(r)} ${pct(r.abandonRate)}`), `${pacer.length} rows, highest ${pct(worst)}`);
  const hourRows = pacer.filter((r) => r.agents >= 10);
  const badHour = hourRows.filter((r) => r.worstHourAbandon > 0.05);
  add("worst rolling hour ≤ 5 % with ≥ 10 agents", badHour.map((r) => `${key(r)} ${pct(r.worstHourAbandon)}`), `${hourRows.length} rows, highest ${pct(Math.max(...hourRows.map((r) => r.worstHourAbandon)))}`);

  for (const [agents, goal] of [[25, 0.9], [50, 0.94]] as const) {
    const r = pacer.find((x) => x.scenario === "base" && x.agents === agents && x.answerRate === 0.3);
    if (r) add(`base pH 30 %, ${agents} agents: occupancy ≥ ${pct(goal)}`, r.occupancy >= goal ? [] : [pct(r.occupancy)], pct(r.occupancy));
  }

  const base = pacer.filter((r) => r.scenario === "base" && r.agents >= 10);
  const viciFail: string[] = [];
  const fixedFail: string[] = [];
  let minGain = Infinity;
  let minVsFixed = Infinity;
  for (const r of base) {
    const v = vici.get(key(r));
    const f = fixed.get(key(r));
    if (v) {
      minGain = Math.min(minGain, r.occupancy - v.occupancy);
      if (r.occupancy - v.occupancy < 0.05 || r.abandonRate > v.abandonRate) viciFail.push(`${key(r)} +${pct(r.occupancy - v.occupancy)} at ${pct(r.abandonRate)} vs ${pct(v.abandonRate)}`);
    }
    if (f) {
      minVsFixed = Math.min(minVsFixed, r.occupancy - f.occupancy);
      if (r.occupancy < f.occupancy - 0.005) fixedFail.push(`${key(r)} ${pct(r.occupancy - f.occupancy)}`);
    }
  }
  if (base.length) {
    add("base, ≥ 10 agents: ≥ 5 points above vicidial-adapt at ≤ its abandonment", viciFail, `${base.length} rows, smallest gain ${(minGain * 100).toFixed(1)} points`);
    add("base, ≥ 10 agents: never > 0.5 points below the hindsight fixed ratio", fixedFail, `${base.length} rows, closest ${(minVsFixed * 100).toFixed(1)} points`);
  }

  const harder = pacer.filter((r) => r.scenario !== "base");
  const contrast: string[] = [];
  const harderFail: string[] = [];
  for (const r of harder) {
    const t = tuned.get(key(r));
    if (!t || t.abandonRate <= ABANDON_CAP) continue;
    contrast.push(`${r.scenario}/${r.agents}: pacer ${pct(r.abandonRate)}, base-tuned ratio ${pct(t.abandonRate)}`);
    if (r.abandonRate > ABANDON_CAP) harderFail.push(`${key(r)} ${pct(r.abandonRate)}`);
  }
  if (harder.length) add("harder scenarios: under the cap where the base-tuned ratio is not", harderFail, contrast.length ? contrast.join("; ") : "the base-tuned ratio stayed under the cap everywhere");
  return checks;
}
