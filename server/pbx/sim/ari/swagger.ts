/**
 * The swagger (1.1, as Asterisk publishes it) description of exactly the ARI operations the
 * simulator implements. `ari-client` reads it at connect time to build its API, just as it reads
 * Asterisk's own, so names and parameters follow Asterisk's resource descriptions.
 */
type Param = { name: string; paramType: "query" | "path" | "body"; required?: boolean; dataType?: string; allowMultiple?: boolean };
type Op = { httpMethod: "GET" | "POST" | "DELETE"; nickname: string; summary: string; responseClass: string; parameters?: Param[] };
type Api = { path: string; description: string; operations: Op[] };

const q = (name: string, required = false, dataType = "string"): Param => ({ name, paramType: "query", required, dataType, allowMultiple: false });
const p = (name: string): Param => ({ name, paramType: "path", required: true, dataType: "string", allowMultiple: false });
const variables: Param = { name: "variables", paramType: "body", required: false, dataType: "containers", allowMultiple: false };

const originateParams = [
  q("endpoint", true),
  q("extension"),
  q("context"),
  q("priority", false, "long"),
  q("app"),
  q("appArgs"),
  q("callerId"),
  q("timeout", false, "int"),
  q("otherChannelId"),
  variables,
];

const RESOURCES: Record<string, { description: string; apis: Api[]; models: Record<string, unknown> }> = {
  asterisk: {
    description: "Asterisk resources",
    apis: [{ path: "/asterisk/info", description: "Asterisk system information", operations: [{ httpMethod: "GET", nickname: "getInfo", summary: "Gets Asterisk system information.", responseClass: "AsteriskInfo", parameters: [q("only")] }] }],
    models: { AsteriskInfo: { id: "AsteriskInfo", properties: { build: { type: "object" }, system: { type: "object" }, config: { type: "object" }, status: { type: "object" } } } },
  },
  applications: {
    description: "Stasis application resources",
    apis: [
      { path: "/applications", description: "Stasis applications", operations: [{ httpMethod: "GET", nickname: "list", summary: "List all applications.", responseClass: "List[Application]" }] },
      {
        path: "/applications/{applicationName}/subscription",
        description: "Stasis application subscriptions",
        operations: [
          { httpMethod: "POST", nickname: "subscribe", summary: "Subscribe an application to an event source.", responseClass: "Application", parameters: [p("applicationName"), { ...q("eventSource", true), allowMultiple: true }] },
          { httpMethod: "DELETE", nickname: "unsubscribe", summary: "Unsubscribe an application from an event source.", responseClass: "Application", parameters: [p("applicationName"), { ...q("eventSource", true), allowMultiple: true }] },
        ],
      },
    ],
    models: { Application: { id: "Application", properties: { name: { type: "string" }, channel_ids: { type: "List[string]" }, bridge_ids: { type: "List[string]" } } } },
  },
  channels: {
    description: "Channel resources",
    apis: [
      {
        path: "/channels",
        description: "Active channels",
        operations: [
          { httpMethod: "GET", nickname: "list", summary: "List all active channels.", responseClass: "List[Channel]" },
          { httpMethod: "POST", nickname: "originate", summary: "Create a new channel (originate).", responseClass: "Channel", parameters: [...originateParams, q("channelId")] },
        ],
      },
      {
        path: "/channels/{channelId}",
        description: "Active channel",
        operations: [
          { httpMethod: "GET", nickname: "get", summary: "Channel details.", responseClass: "Channel", parameters: [p("channelId")] },
          { httpMethod: "POST", nickname: "originateWithId", summary: "Create a new channel with an id.", responseClass: "Channel", parameters: [p("channelId"), ...originateParams] },
          { httpMethod: "DELETE", nickname: "hangup", summary: "Delete (i.e. hangup) a channel.", responseClass: "void", parameters: [p("channelId"), q("reason_code"), q("reason")] },
        ],
      },
      { path: "/channels/{channelId}/continue", description: "Exit application; continue execution in the dialplan", operations: [{ httpMethod: "POST", nickname: "continueInDialplan", summary: "Exit application; continue in the dialplan.", responseClass: "void", parameters: [p("channelId"), q("context"), q("extension"), q("priority", false, "int"), q("label")] }] },
      { path: "/channels/{channelId}/answer", description: "Answer a channel", operations: [{ httpMethod: "POST", nickname: "answer", summary: "Answer a channel.", responseClass: "void", parameters: [p("channelId")] }] },
      { path: "/channels/{channelId}/play", description: "Play media to a channel", operations: [{ httpMethod: "POST", nickname: "play", summary: "Start playback of media.", responseClass: "Playback", parameters: [p("channelId"), { ...q("media", true), allowMultiple: true }, q("lang"), q("offsetms", false, "int"), q("skipms", false, "int"), q("playbackId")] }] },
      { path: "/channels/{channelId}/play/{playbackId}", description: "Play media to a channel", operations: [{ httpMethod: "POST", nickname: "playWithId", summary: "Start playback of media and specify the playbackId.", responseClass: "Playback", parameters: [p("channelId"), p("playbackId"), { ...q("media", true), allowMultiple: true }, q("lang")] }] },
      {
        path: "/channels/{channelId}/moh",
        description: "Play music on hold to a channel",
        operations: [
          { httpMethod: "POST", nickname: "startMoh", summary: "Play music on hold to a channel.", responseClass: "void", parameters: [p("channelId"), q("mohClass")] },
          { httpMethod: "DELETE", nickname: "stopMoh", summary: "Stop playing music on hold to a channel.", responseClass: "void", parameters: [p("channelId")] },
        ],
      },
      { path: "/channels/{channelId}/record", description: "Record audio from a channel", operations: [{ httpMethod: "POST", nickname: "record", summary: "Start a recording.", responseClass: "LiveRecording", parameters: [p("channelId"), q("name", true), q("format", true), q("maxDurationSeconds", false, "int"), q("maxSilenceSeconds", false, "int"), q("ifExists"), q("beep", false, "boolean"), q("terminateOn")] }] },
      {
        path: "/channels/{channelId}/snoop",
        description: "Snoop (spy/whisper) on a channel",
        operations: [{ httpMethod: "POST", nickname: "snoopChannel", summary: "Start snooping.", responseClass: "Channel", parameters: [p("channelId"), q("spy"), q("whisper"), q("app", true), q("appArgs"), q("snoopId")] }],
      },
      {
        path: "/channels/{channelId}/snoop/{snoopId}",
        description: "Snoop (spy/whisper) on a channel",
        operations: [{ httpMethod: "POST", nickname: "snoopChannelWithId", summary: "Start snooping.", responseClass: "Channel", parameters: [p("channelId"), p("snoopId"), q("spy"), q("whisper"), q("app", true), q("appArgs")] }],
      },
      {
        path: "/channels/{channelId}/variable",
        description: "Variables on a channel",
        operations: [
          { httpMethod: "GET", nickname: "getChannelVar", summary: "Get the value of a channel variable.", responseClass: "Variable", parameters: [p("channelId"), q("variable", true)] },
          { httpMethod: "POST", nickname: "setChannelVar", summary: "Set the value of a channel variable.", responseClass: "void", parameters: [p("channelId"), q("variable", true), q("value")] },
        ],
      },
    ],
    models: {
      Channel: { id: "Channel", properties: { id: { type: "string", required: true }, name: { type: "string" }, state: { type: "string" }, caller: { type: "CallerID" }, connected: { type: "CallerID" }, dialplan: { type: "DialplanCEP" }, creationtime: { type: "Date" } } },
      CallerID: { id: "CallerID", properties: { name: { type: "string" }, number: { type: "string" } } },
      DialplanCEP: { id: "DialplanCEP", properties: { context: { type: "string" }, exten: { type: "string" }, priority: { type: "long" } } },
      Variable: { id: "Variable", properties: { value: { type: "string", required: true } } },
    },
  },
  bridges: {
    description: "Bridge resources",
    apis: [
      {
        path: "/bridges",
        description: "Active bridges",
        operations: [
          { httpMethod: "GET", nickname: "list", summary: "List all active bridges.", responseClass: "List[Bridge]" },
          { httpMethod: "POST", nickname: "create", summary: "Create a new bridge.", responseClass: "Bridge", parameters: [q("type"), q("bridgeId"), q("name")] },
        ],
      },
      {
        path: "/bridges/{bridgeId}",
        description: "Individual bridge",
        operations: [
          { httpMethod: "POST", nickname: "createWithId", summary: "Create a new bridge with an id.", responseClass: "Bridge", parameters: [p("bridgeId"), q("type"), q("name")] },
          { httpMethod: "GET", nickname: "get", summary: "Get bridge details.", responseClass: "Bridge", parameters: [p("bridgeId")] },
          { httpMethod: "DELETE", nickname: "destroy", summary: "Shut down a bridge.", responseClass: "void", parameters: [p("bridgeId")] },
        ],
      },
      { path: "/bridges/{bridgeId}/addChannel", description: "Add a channel to a bridge", operations: [{ httpMethod: "POST", nickname: "addChannel", summary: "Add a channel to a bridge.", responseClass: "void", parameters: [p("bridgeId"), { ...q("channel", true), allowMultiple: true }, q("role")] }] },
      { path: "/bridges/{bridgeId}/removeChannel", description: "Remove a channel from a bridge", operations: [{ httpMethod: "POST", nickname: "removeChannel", summary: "Remove a channel from a bridge.", responseClass: "void", parameters: [p("bridgeId"), { ...q("channel", true), allowMultiple: true }] }] },
      { path: "/bridges/{bridgeId}/record", description: "Record audio on a bridge", operations: [{ httpMethod: "POST", nickname: "record", summary: "Start a recording.", responseClass: "LiveRecording", parameters: [p("bridgeId"), q("name", true), q("format", true), q("maxDurationSeconds", false, "int"), q("ifExists"), q("beep", false, "boolean")] }] },
    ],
    models: { Bridge: { id: "Bridge", properties: { id: { type: "string", required: true }, technology: { type: "string" }, bridge_type: { type: "string" }, channels: { type: "List[string]" } } } },
  },
  playbacks: {
    description: "Playback control resources",
    apis: [
      {
        path: "/playbacks/{playbackId}",
        description: "Control object for a playback operation",
        operations: [
          { httpMethod: "GET", nickname: "get", summary: "Get a playback's details.", responseClass: "Playback", parameters: [p("playbackId")] },
          { httpMethod: "DELETE", nickname: "stop", summary: "Stop a playback.", responseClass: "void", parameters: [p("playbackId")] },
        ],
      },
    ],
    models: { Playback: { id: "Playback", properties: { id: { type: "string", required: true }, media_uri: { type: "string" }, target_uri: { type: "string" }, state: { type: "string" } } } },
  },
  recordings: {
    description: "Recording resources",
    apis: [
      { path: "/recordings/stored", description: "Recordings", operations: [{ httpMethod: "GET", nickname: "listStored", summary: "List recordings that are complete.", responseClass: "List[StoredRecording]", parameters: [] }] },
      {
        path: "/recordings/stored/{recordingName}",
        description: "Individual recording",
        operations: [
          { httpMethod: "GET", nickname: "getStored", summary: "Get a stored recording's details.", responseClass: "StoredRecording", parameters: [p("recordingName")] },
          { httpMethod: "DELETE", nickname: "deleteStored", summary: "Delete a stored recording.", responseClass: "void", parameters: [p("recordingName")] },
        ],
      },
      { path: "/recordings/stored/{recordingName}/file", description: "The actual file associated with the stored recording", operations: [{ httpMethod: "GET", nickname: "getStoredFile", summary: "Get the file associated with the stored recording.", responseClass: "binary", parameters: [p("recordingName")] }] },
      { path: "/recordings/live/{recordingName}", description: "A recording that is in progress", operations: [{ httpMethod: "GET", nickname: "getLive", summary: "List live recordings.", responseClass: "LiveRecording", parameters: [p("recordingName")] }] },
      { path: "/recordings/live/{recordingName}/stop", description: "Stop a live recording", operations: [{ httpMethod: "POST", nickname: "stop", summary: "Stop a live recording and store it.", responseClass: "void", parameters: [p("recordingName")] }] },
    ],
    models: {
      StoredRecording: { id: "StoredRecording", description: "A past recording that may be played back.", properties: { name: { type: "string", required: true }, format: { type: "string", required: true } } },
      LiveRecording: { id: "LiveRecording", properties: { name: { type: "string", required: true }, format: { type: "string" }, state: { type: "string" }, target_uri: { type: "string" } } },
    },
  },
};

/**
 * Event models. ari-client looks every WebSocket message up here by its `type` (an event without a
 * model would throw inside its message handler), and turns Channel/Bridge/Playback/LiveRecording
 * properties into resource instances.
 */
const channel = { type: "Channel", required: true };
const eventModel = (id: string, properties: Record<string, unknown>) => ({
  id,
  extends: "Event",
  properties: { type: { type: "string", required: true }, application: { type: "string", required: true }, timestamp: { type: "Date" }, asterisk_id: { type: "string" }, ...properties },
});
RESOURCES.events = {
  description: "WebSocket resource",
  apis: [{ path: "/events", description: "Events from Asterisk to applications", operations: [{ httpMethod: "GET", nickname: "eventWebsocket", summary: "WebSocket connection for events.", responseClass: "Message", parameters: [{ ...q("app", true), allowMultiple: true }, q("subscribeAll", false, "boolean")] }] }],
  models: {
    Message: { id: "Message", properties: { type: { type: "string", required: true }, asterisk_id: { type: "string" } } },
    Event: { id: "Event", extends: "Message", properties: { application: { type: "string", required: true }, timestamp: { type: "Date" } } },
    StasisStart: eventModel("StasisStart", { args: { type: "List[string]" }, channel, replace_channel: { type: "Channel" } }),
    StasisEnd: eventModel("StasisEnd", { channel }),
    ChannelStateChange: eventModel("ChannelStateChange", { channel }),
    ChannelDestroyed: eventModel("ChannelDestroyed", { cause: { type: "int" }, cause_txt: { type: "string" }, channel }),
    ChannelHangupRequest: eventModel("ChannelHangupRequest", { cause: { type: "int" }, soft: { type: "boolean" }, channel }),
    ChannelVarset: eventModel("ChannelVarset", { variable: { type: "string" }, value: { type: "string" }, channel: { type: "Channel" } }),
    ChannelDtmfReceived: eventModel("ChannelDtmfReceived", { digit: { type: "string" }, duration_ms: { type: "int" }, channel }),
    Dial: eventModel("Dial", { caller: { type: "Channel" }, peer: { type: "Channel", required: true }, forward: { type: "string" }, dialstring: { type: "string" }, dialstatus: { type: "string" } }),
    ChannelEnteredBridge: eventModel("ChannelEnteredBridge", { bridge: { type: "Bridge", required: true }, channel: { type: "Channel" } }),
    ChannelLeftBridge: eventModel("ChannelLeftBridge", { bridge: { type: "Bridge", required: true }, channel }),
    BridgeDestroyed: eventModel("BridgeDestroyed", { bridge: { type: "Bridge", required: true } }),
    PlaybackStarted: eventModel("PlaybackStarted", { playback: { type: "Playback", required: true } }),
    PlaybackFinished: eventModel("PlaybackFinished", { playback: { type: "Playback", required: true } }),
    RecordingStarted: eventModel("RecordingStarted", { recording: { type: "LiveRecording", required: true } }),
    RecordingFinished: eventModel("RecordingFinished", { recording: { type: "LiveRecording", required: true } }),
  },
};

export const ARI_RESOURCE_NAMES = Object.keys(RESOURCES);

export function resourceListing(baseUrl: string) {
  return {
    apiVersion: "10.0.0",
    swaggerVersion: "1.1",
    basePath: baseUrl,
    apis: Object.entries(RESOURCES).map(([name, r]) => ({ path: `/api-docs/${name}.{format}`, description: r.description })),
  };
}

export function resourceDescription(name: string, baseUrl: string) {
  const r = RESOURCES[name];
  if (!r) return undefined;
  return { apiVersion: "2.0.0", swaggerVersion: "1.1", basePath: baseUrl, resourcePath: `/api-docs/${name}.{format}`, apis: r.apis, models: r.models };
}
