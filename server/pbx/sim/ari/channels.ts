import type { SimChannel } from "../engine";
import { ts } from "./snapshots";

/**
 * Asterisk's side of the engine's channels: the name Asterisk gives each (`PJSIP/trunk-00000541`,
 * `Local/5550100@callees-00000542;1` and its `;2` half), the Stasis applications that follow it,
 * where it is in the dialplan, and its JSON model. Only channels this face originated are known.
 */
export type AriChannelInfo = { name: string; peerName: string | null; apps: Set<string>; dialstring: string; appArgs: string[]; context: string; exten: string; inStasis: boolean };

export class AriChannels {
  private readonly info = new Map<string, AriChannelInfo>();
  private nameSeq = 0x540;
  /** Asterisk numbers snoop channels on a counter of their own (res_stasis_snoop's chan_idx). */
  private snoopSeq = 0;

  get(id: string): AriChannelInfo | undefined {
    return this.info.get(id);
  }

  has(id: string): boolean {
    return this.info.has(id);
  }

  forget(id: string): void {
    this.info.delete(id);
  }

  /** Puts back what was known of `id` before a registration that did not become a channel. */
  restore(id: string, previous: AriChannelInfo | undefined): void {
    if (previous) this.info.set(id, previous);
    else this.info.delete(id);
  }

  appsOf(id: string): Set<string> {
    return this.info.get(id)?.apps ?? new Set<string>();
  }

  idsOfApp(app: string): string[] {
    return [...this.info].filter(([, i]) => i.apps.has(app)).map(([id]) => id);
  }

  /** A channel about to be originated to `endpoint`, named as Asterisk would name it. */
  register(id: string, endpoint: string, opts: { app: string | undefined; appArgs: string[]; context: string | undefined }): void {
    const slash = endpoint.indexOf("/");
    const rest = endpoint.slice(slash + 1);
    this.nameSeq += 1;
    const seq = this.nameSeq.toString(16).padStart(8, "0");
    const tech = endpoint.slice(0, slash);
    const local = tech === "Local";
    const [destination, trunk] = rest.split("@");
    this.info.set(id, {
      name: local ? `${endpoint}-${seq};1` : `${tech}/${tech === "SIP" ? rest.split("/")[0] : (trunk ?? destination)}-${seq}`,
      peerName: local ? `${endpoint}-${seq};2` : null,
      apps: new Set(opts.app ? [opts.app] : []),
      dialstring: rest,
      appArgs: opts.appArgs,
      context: local ? (trunk ?? "default") : (opts.context ?? "default"),
      exten: destination,
      inStasis: false,
    });
  }

  /**
   * A snoop channel about to be made on `targetId`: Asterisk names it `Snoop/<target>-<n>` and runs
   * it straight into `app` from extension `s` of the default context.
   */
  registerSnoop(id: string, targetId: string, app: string, appArgs: string[]): void {
    const seq = (this.snoopSeq++).toString(16).padStart(8, "0");
    this.info.set(id, { name: `Snoop/${targetId}-${seq}`, peerName: null, apps: new Set([app]), dialstring: "", appArgs, context: "default", exten: "s", inStasis: false });
  }

  /** The channel as ARI shows it; `half` 2 is the far half of a Local channel. */
  snapshot(ch: SimChannel, half: 1 | 2 = 1) {
    const i = this.info.get(ch.id);
    const stasis = half === 1 && i?.inStasis;
    return {
      id: half === 2 ? `${ch.id};2` : ch.id,
      name: half === 2 ? (i?.peerName ?? `${ch.endpoint};2`) : (i?.name ?? ch.endpoint),
      state: half === 2 && ch.state === "Ringing" ? "Ring" : ch.state,
      protocol_id: "",
      caller: { name: ch.callerName, number: ch.callerNumber },
      connected: { name: "", number: ch.callerNumber },
      accountcode: "",
      dialplan: stasis
        ? { context: i!.context, exten: i!.exten, priority: 1, app_name: "Stasis", app_data: [...i!.apps, ...i!.appArgs].join(",") }
        : { context: i?.context ?? "default", exten: i?.exten ?? ch.number, priority: 1, app_name: half === 1 ? "AppDial2" : "", app_data: half === 1 ? "(Outgoing Line)" : "" },
      creationtime: ts(ch.createdAt),
      language: "en",
    };
  }
}
