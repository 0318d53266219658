/**
 * The event socket's wire format, both ways: commands arrive as a header block (first line the
 * command) ended by a blank line, with a Content-Length body when they carry one; replies, API
 * responses and events go out as `Content-Type` frames, events in FreeSWITCH's plain, json or xml
 * serialisation. Nothing here knows calls.
 */
export type Frame = { command: string; headers: Map<string, string>; body: string };
export type FsEvent = { name: string; headers: Record<string, string>; body?: string };
export type EventFormat = "plain" | "json" | "xml";

/** A command's header block and body; FreeSWITCH accepts more, nobody sends more to it. */
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BODY_BYTES = 1024 * 1024;
const DISCONNECT_NOTICE = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

/** Cuts the incoming byte stream into command frames; `error` is input it cannot get back in step with. */
export class FrameReader {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): { frames: Frame[]; error: string | null } {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames: Frame[] = [];
    for (;;) {
      let start = 0;
      while (start < this.buffer.length && (this.buffer[start] === 0x0a || this.buffer[start] === 0x0d)) start += 1;
      if (start) this.buffer = this.buffer.subarray(start);
      const lf = this.buffer.indexOf("\n\n");
      const crlf = this.buffer.indexOf("\r\n\r\n");
      const end = lf >= 0 && (crlf < 0 || lf < crlf) ? lf : crlf;
      if (end < 0) return { frames, error: this.buffer.length > MAX_HEADER_BYTES ? this.fail("-ERR command too long") : null };
      const headerEnd = end + (end === lf ? 2 : 4);
      const lines = this.buffer.subarray(0, end).toString("utf8").replace(/\r/g, "").split("\n");
      const headers = new Map<string, string>();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(":");
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const length = Number.parseInt(headers.get("content-length") ?? "0", 10);
      const bodyLength = Number.isFinite(length) && length > 0 ? length : 0;
      if (bodyLength > MAX_BODY_BYTES) return { frames, error: this.fail("-ERR content too long") };
      if (this.buffer.length < headerEnd + bodyLength) return { frames, error: null };
      const body = this.buffer.subarray(headerEnd, headerEnd + bodyLength).toString("utf8");
      this.buffer = this.buffer.subarray(headerEnd + bodyLength);
      frames.push({ command: lines[0], headers, body });
    }
  }

  private fail(reply: string): string {
    this.buffer = Buffer.alloc(0);
    return reply;
  }
}

export const authRequestFrame = () => "Content-Type: auth/request\n\n";

export const commandReplyFrame = (text: string, extra = "") => `Content-Type: command/reply\nReply-Text: ${text}\n${extra}\n`;

export function apiResponseFrame(body: string): string {
  const text = body === "" ? "-ERR no reply\n" : body;
  return `Content-Type: api/response\nContent-Length: ${Buffer.byteLength(text)}\n\n${text}`;
}

export const disconnectNoticeFrame = () => `Content-Type: text/disconnect-notice\nContent-Length: ${Buffer.byteLength(DISCONNECT_NOTICE)}\n\n${DISCONNECT_NOTICE}`;

export function eventFrame(event: FsEvent, format: EventFormat): string {
  const text = serialise(event, format);
  return `Content-Length: ${Buffer.byteLength(text)}\nContent-Type: text/event-${format}\n\n${text}`;
}

/** What follows the first space (FreeSWITCH's `strchr(cur, ' ')`), or nothing. */
export function afterSpace(text: string): string {
  const space = text.indexOf(" ");
  return space < 0 ? "" : text.slice(space + 1);
}

const xmlEscape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** switch_url_encode: bytes outside printable ASCII and the URL-unsafe ones become %XX. */
function urlEncode(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value)) {
    const c = String.fromCharCode(byte);
    out += byte < 0x20 || byte > 0x7e || ' "#%&+:;<=>?@[\\]^`{|}'.includes(c) ? `%${byte.toString(16).toUpperCase().padStart(2, "0")}` : c;
  }
  return out;
}

/** An event body in the three formats mod_event_socket speaks. */
function serialise(event: FsEvent, format: EventFormat): string {
  const { headers, body } = event;
  const length = body !== undefined ? String(Buffer.byteLength(body)) : null;
  if (format === "json") return JSON.stringify(length === null ? headers : { ...headers, "Content-Length": length, _body: body });
  if (format === "plain") {
    const lines = Object.entries(headers).map(([k, v]) => `${k}: ${urlEncode(v)}\n`).join("");
    return length === null ? `${lines}\n` : `${lines}Content-Length: ${length}\n\n${body}`;
  }
  const items = Object.entries(headers).map(([k, v]) => `    <${k}>${xmlEscape(v)}</${k}>\n`).join("");
  const tail = length === null ? "" : `  <Content-Length>${length}</Content-Length>\n  <body>${xmlEscape(body!)}</body>\n`;
  return `<event>\n  <headers>\n${items}  </headers>\n${tail}</event>`;
}
