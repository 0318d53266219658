import type { ServerResponse } from "node:http";

/**
 * Next drops `Content-Length` from every route handler's response (it may have re-encoded the
 * body). A file download (a recording) needs it for players and progress bars, so the handler
 * passes the length as this header and the custom server puts it back before the headers go out.
 */
export const FILE_LENGTH_HEADER = "x-pacer-content-length";

export function restoreContentLength(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    const length = this.getHeader(FILE_LENGTH_HEADER);
    if (length !== undefined) {
      this.removeHeader(FILE_LENGTH_HEADER);
      if (/^\d+$/.test(String(length)) && this.getHeader("content-encoding") === undefined) this.setHeader("Content-Length", String(length));
    }
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
}
