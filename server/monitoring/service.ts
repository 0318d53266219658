import { dbHandle } from "@/db/client";
import { formatTime } from "../api/format";
import { cdrStats } from "../cdr/queries";
import { countCampaignsByStatus, listCampaignRowsByStatus, statsFor, toCampaignDto } from "../campaigns/queries";
import { runtime, type LiveChannel } from "../runtime/registry";
import { trunkMonitor } from "../trunks/service";

/** Live channels come from the PBX layer when it runs; with no PBX connected there are none. */
async function liveChannels(): Promise<LiveChannel[]> {
  const pbx = runtime().pbx;
  if (!pbx || !pbx.connected()) return [];
  return pbx.channels();
}

export async function systemStatus() {
  const handle = await dbHandle();
  // The PBX's channel list is a round trip to the PBX: asked alongside the database, not after it.
  const [database, channels, running] = await Promise.all([
    handle.ping(),
    liveChannels(),
    countCampaignsByStatus(handle.db, ["running"]).catch(() => 0),
  ]);
  return {
    asterisk: runtime().pbx?.connected() ?? false,
    database,
    active_channels: channels.length,
    active_campaigns: database ? running : 0,
    timestamp: formatTime(new Date())!,
  };
}

export async function activeChannels() {
  const channels = await liveChannels();
  return { channels, count: channels.length };
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Running and paused campaigns with their stats, live channels, and today's call totals. */
export async function realtimeSnapshot() {
  const { db } = await dbHandle();
  const [rows, channels, today] = await Promise.all([
    listCampaignRowsByStatus(db, ["running", "paused"]),
    liveChannels(),
    cdrStats(db, { startDate: todayUtc(), endDate: todayUtc() }),
  ]);
  const stats = await statsFor(db, rows.map((r) => r.id));
  return {
    campaigns: rows.map((r) => {
      const c = toCampaignDto(r, stats.get(r.id)!);
      return { id: c.id, name: c.name, status: c.status, stats: c.stats };
    }),
    channels,
    channel_count: channels.length,
    today_stats: {
      total_calls: today.total_calls,
      answered: today.answered,
      no_answer: today.no_answer,
      busy: today.busy,
      failed: today.failed,
    },
    timestamp: formatTime(new Date())!,
  };
}

/** The dialer of this process: how much it has placed and how long its ticks take; the trunks' load from every process. */
export async function dialerMetrics() {
  const trunks = await trunkMonitor();
  const d = runtime().dialer;
  if (!d) return { running: false, node_id: null, live_calls: 0, originated: 0, originate_errors: 0, tick_p50_ms: 0, tick_p99_ms: 0, ticks: 0, uptime_sec: 0, trunks };
  const m = d.metrics();
  return {
    running: true,
    node_id: d.nodeId,
    live_calls: d.liveCalls(),
    originated: m.originated,
    originate_errors: m.originateErrors,
    tick_p50_ms: m.tickP50Ms,
    tick_p99_ms: m.tickP99Ms,
    ticks: m.ticks,
    uptime_sec: m.uptimeSec,
    trunks,
  };
}
