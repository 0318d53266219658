import { errorText, PbxError } from "./driver";

/**
 * Runs a control request (play, bridge, hang up…) on a live channel. Asterisk reports the answer a
 * moment before the channel enters the application, so a request refused as a conflict ("not in
 * Stasis") is retried briefly: 20 tries, 50 ms apart. Resolves false when the call is over before
 * or between tries (`alive`), the PBX does not know the channel (the hang-up is on its way), or it
 * refused the request otherwise (`failed` hears why).
 */
export async function controlWithRetry(alive: () => boolean, fn: () => Promise<unknown>, failed: (reason: string) => void): Promise<boolean> {
  for (let i = 0; i < 20; i++) {
    if (!alive()) return false;
    try {
      await fn();
      return true;
    } catch (err) {
      if (err instanceof PbxError && err.code === "conflict" && i < 19) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      if (!(err instanceof PbxError && err.code === "not_found")) failed(errorText(err));
      return false;
    }
  }
  return false;
}
