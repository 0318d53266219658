import { createServer, type AddressInfo, type Socket } from "node:net";
import type { SimEngine } from "./engine";
import { ApiCommands } from "./esl/api-commands";
import { CallEventReporter } from "./esl/call-events";
import { EslConnection, type EslSwitch } from "./esl/connection";
import { EventBus } from "./esl/events";
import { BroadcastApps } from "./esl/broadcast-apps";
import { InlineDialplan } from "./esl/inline-dialplan";
import { JsonCdrLog } from "./esl/json-cdr";
import { SessionTable } from "./esl/sessions";
import { listenOn } from "./listen";

/**
 * FreeSWITCH's event socket (mod_event_socket, inbound mode), simulated over the shared engine:
 * the frames, replies and events a FreeSWITCH 1.10.12 sends, in the order and shape captured from
 * a real one (see server/pbx/esl/__fixtures__). What it covers:
 *
 * - The protocol: `auth/request`, `auth`, `api`, `bgapi` (BACKGROUND_JOB with `+OK <uuid>` or
 *   `-ERR <CAUSE>`), `event plain|json|xml`, `nixevent`, `noevents`, `filter`, `myevents`, `exit`.
 *   As on FreeSWITCH's one listener thread per connection, events a command causes follow its
 *   reply, and a blocking `api originate` holds the connection until the call is answered or
 *   fails. JSON events carry Content-Length (a string) only with a body, as FreeSWITCH's do.
 *   Malformed input is answered or the connection dropped; it never throws.
 * - API commands a dialer uses: originate (`&park()` or `<exten> XML <context>`), uuid_kill,
 *   uuid_answer, uuid_broadcast, uuid_break, uuid_record, uuid_bridge, uuid_transfer, uuid_park,
 *   uuid_recv_dtmf, uuid_getvar, uuid_setvar, uuid_exists, show channels, status, hupall.
 * - The inline dialplan (`uuid_transfer <uuid> set:a=b,eavesdrop:<uuid> inline`) with `set` and
 *   `eavesdrop`: the eavesdropper listens in on a call, and its DTMF switches (sent with
 *   uuid_recv_dtmf) make it speak to the target (2), the other party (1), both (3) or nobody (0).
 * - Channels: loopback calls report both halves (ours and the far "-b" half with its own uuid);
 *   sofia and user calls one. Refused calls do not ring first, and their cause is FreeSWITCH's
 *   reading of the SIP status (503 becomes NORMAL_TEMPORARY_FAILURE), with
 *   `variable_sip_term_status` on SIP legs.
 * - uuid_bridge joins two channels; when one leaves, the other parks if it has
 *   `park_after_bridge=true`, else it is hung up, as FreeSWITCH does.
 * - Answering-machine detection as mod_amd reports it: a CUSTOM event `mod_amd::info` carrying
 *   `variable_amd_result` (HUMAN, MACHINE, NOT_SURE) and `variable_amd_cause`, then the dialplan
 *   parks the call (CHANNEL_PARK) for the client to take over.
 *
 * Only the event types a call produces are generated (no HEARTBEAT, CHANNEL_STATE, log lines);
 * a connection subscribed to others simply never receives them. Each face of the engine reports
 * the channels it originated itself.
 *
 * The layers, each in server/pbx/sim/esl/: `wire` (frames and event serialisation), `connection`
 * and `subscription` (one client: auth, command order, what it listens to), `api-commands`,
 * `call-events` (engine calls → FreeSWITCH events), `events` (their headers), `sessions` (the
 * FreeSWITCH sessions over engine channels), `hangup` (causes and CDR variables), `inline-dialplan`
 * (the inline dialplan's applications), `broadcast-apps` (play_and_get_digits broadcast to a parked channel).
 */
export type EslServerOptions = { engine: SimEngine; host?: string; port?: number; password?: string };
export type EslServer = {
  port: number;
  close(): Promise<void>;
  dropConnections(): void;
  /** The record mod_json_cdr would post for this ended call (the most recent calls are kept). */
  jsonCdr(uuid: string): Record<string, unknown> | undefined;
};

export async function startEslServer(opts: EslServerOptions): Promise<EslServer> {
  const host = opts.host ?? "127.0.0.1";
  const freeswitch = new FreeSwitchSim(opts.engine, opts.password ?? "ClueCon", host);
  const server = createServer((socket) => freeswitch.accept(socket));
  await listenOn(server, opts.port ?? 8021, host);
  return {
    port: (server.address() as AddressInfo).port,
    dropConnections: () => freeswitch.dropConnections(),
    jsonCdr: (uuid) => freeswitch.cdrs.get(uuid),
    close: () =>
      new Promise<void>((resolve) => {
        freeswitch.shutdown();
        server.close(() => resolve());
      }),
  };
}

/** One simulated FreeSWITCH: its clients, its sessions, the events and API commands over them. */
class FreeSwitchSim implements EslSwitch {
  private readonly connections = new Set<EslConnection>();
  private readonly bus: EventBus;
  private readonly commands: ApiCommands;
  private readonly reporter: CallEventReporter;
  private readonly inline: InlineDialplan;
  readonly cdrs: JsonCdrLog;
  private readonly apps: BroadcastApps;

  constructor(
    engine: SimEngine,
    readonly password: string,
    ip: string,
  ) {
    const sessions = new SessionTable(engine);
    this.bus = new EventBus(this.connections, ip);
    this.inline = new InlineDialplan(engine, sessions, this.bus);
    this.apps = new BroadcastApps(engine, sessions, this.bus);
    this.commands = new ApiCommands(engine, sessions, this.bus, this.inline, this.apps);
    this.cdrs = new JsonCdrLog(this.bus.coreUuid);
    this.reporter = new CallEventReporter(engine, sessions, this.bus, this.cdrs);
  }

  api(command: string, arg: string, job: { uuid: string; raw: string } | null) {
    return this.commands.run(command, arg, job);
  }

  fireJob(uuid: string, command: string, arg: string, body: string) {
    this.bus.fireJob(uuid, command, arg, body);
  }

  accept(socket: Socket) {
    const conn = new EslConnection(socket, this);
    this.connections.add(conn);
    socket.once("close", () => this.connections.delete(conn));
  }

  dropConnections() {
    for (const c of this.connections) c.socket.destroy();
    this.connections.clear();
  }

  shutdown() {
    this.dropConnections();
    this.reporter.detach();
    this.inline.detach();
    this.apps.detach();
  }
}
