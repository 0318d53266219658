import type { WebSocket } from "ws";
import { ASTERISK_ID } from "./snapshots";

/**
 * The /ari/events WebSockets: each client names its applications (and may subscribe to all);
 * an event goes, as one JSON text frame stamped with the Asterisk id and the application, to the
 * clients of an application that follows its channel.
 */
type Client = { ws: WebSocket; apps: Set<string>; subscribeAll: boolean };

export class EventStream {
  private readonly clients = new Set<Client>();

  add(ws: WebSocket, apps: string[], subscribeAll: boolean): void {
    const client: Client = { ws, apps: new Set(apps), subscribeAll };
    this.clients.add(client);
    ws.on("close", () => this.clients.delete(client));
    ws.on("error", () => this.clients.delete(client));
  }

  /** How many event WebSockets are open (how many Pacer processes hold this Asterisk). */
  get size(): number {
    return this.clients.size;
  }

  /** The applications some client is connected for. */
  appNames(): Set<string> {
    return new Set([...this.clients].flatMap((c) => [...c.apps]));
  }

  /**
   * Sends to every client of an app in `apps` (of any app for events tied to no channel);
   * `peerLegOnly` events (a Local channel's far half) reach only clients that subscribed to all.
   */
  send(event: Record<string, unknown>, apps: Set<string> | null, peerLegOnly = false): void {
    for (const c of this.clients) {
      if (peerLegOnly && !c.subscribeAll) continue;
      const app = apps ? [...c.apps].find((a) => apps.has(a)) : [...c.apps][0];
      if (!app && !c.subscribeAll) continue;
      const body = { ...event, asterisk_id: ASTERISK_ID, application: app ?? [...c.apps][0] };
      if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(body));
    }
  }

  terminateAll(): void {
    for (const c of this.clients) c.ws.terminate();
    this.clients.clear();
  }
}
