import { AriDriver } from "../server/pbx/ari/ari-driver";
import type { PbxDriver } from "../server/pbx/driver";
import { EslDriver } from "../server/pbx/esl/esl-driver";
import { startSimulator } from "../server/pbx/sim/simulator";

/**
 * `npm run bench:pbx-sim`: how fast each driver can originate through the simulator over real
 * sockets, and how many live channels it holds. Every call is answered by a person who stays on the
 * line, so channels pile up to the target. The baseline is the simulated switch itself (originate
 * without any protocol), measured in the same run; ratios say what the wire and the driver cost.
 *
 * Goal (issue 3): ≥ 500 originates/s and 5,000 concurrent channels through each driver.
 */
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

type Row = { name: string; originated: number; seconds: number; perSecond: number; peakChannels: number; rss: number; failures: number };

async function freshSimulator() {
  return startSimulator({ ariPort: 0, eslPort: 0, timeScale: 1, model: { humanRate: 1, machineRate: 0, humanRingSec: [0.2, 0.5], talkMeanSec: 3600, talkCv: 0.01 } });
}

async function baseline(): Promise<Row> {
  const sim = await freshSimulator();
  const started = performance.now();
  for (let i = 0; i < CHANNELS; i++) {
    sim.engine.originate({ id: `base-${i}`, endpoint: `PJSIP/1555${String(i).padStart(7, "0")}@trunk`, target: { kind: "control", args: [] } });
  }
  const seconds = (performance.now() - started) / 1000;
  const row = { name: "switch only (baseline)", originated: CHANNELS, seconds, perSecond: CHANNELS / seconds, peakChannels: sim.engine.stats.peakChannels, rss: process.memoryUsage().rss, failures: 0 };
  await sim.close();
  return row;
}

async function throughDriver(name: string, make: (sim: Awaited<ReturnType<typeof freshSimulator>>) => PbxDriver, endpoint: (n: string) => string): Promise<Row> {
  const sim = await freshSimulator();
  const driver = make(sim);
  await driver.connect();
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < CHANNELS) {
      const i = next++;
      try {
        await driver.originate({ channelId: `${name}-${i}`, endpoint: endpoint(`1555${String(i).padStart(7, "0")}`), ringTimeoutSec: 30, onAnswer: { kind: "control" } });
      } catch {
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  // Let the last calls answer, then count what the PBX itself says is live.
  await new Promise((r) => setTimeout(r, 1500));
  const live = (await driver.listChannels()).length;
  const row = { name, originated: CHANNELS - failures, seconds, perSecond: (CHANNELS - failures) / seconds, peakChannels: Math.max(live, sim.engine.stats.peakChannels), rss: process.memoryUsage().rss, failures };
  await driver.close();
  await sim.close();
  return row;
}

async function main() {
  console.log(`PBX simulator benchmark: ${CHANNELS} calls, ${CONCURRENCY} originates in flight, Node ${process.version}, ${process.arch}`);
  const rows: Row[] = [await baseline()];
  rows.push(await throughDriver("ari", (sim) => new AriDriver({ url: sim.ariUrl, username: sim.username, password: sim.password }), (n) => `PJSIP/${n}@trunk`));
  rows.push(await throughDriver("esl", (sim) => new EslDriver({ host: "127.0.0.1", port: sim.eslPort, password: sim.eslPassword }), (n) => `sofia/gateway/trunk/${n}`));
  const base = rows[0].perSecond;
  console.log("");
  console.log("path                     originated  seconds  originates/s  vs baseline  peak channels  failures  RSS");
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(24)} ${String(r.originated).padStart(10)}  ${r.seconds.toFixed(2).padStart(7)}  ${r.perSecond.toFixed(0).padStart(12)}  ${(r.perSecond / base).toFixed(3).padStart(11)}  ${String(r.peakChannels).padStart(13)}  ${String(r.failures).padStart(8)}  ${mb(r.rss)}`,
    );
  }
  const drivers = rows.slice(1);
  const ok = drivers.every((r) => r.perSecond >= 500 && r.peakChannels >= 5000 && r.failures === 0);
  console.log("");
  console.log(`goal (≥ 500 originates/s and ≥ 5000 channels through each driver): ${ok ? "met" : "NOT met"}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
