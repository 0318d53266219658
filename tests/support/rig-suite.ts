import { afterAll, beforeAll } from "vitest";
import type { Client } from "./api";
import { dialerRig, type DialerRig, type DialerRigOptions } from "./dialer";

export type RigSuite = { rig: DialerRig; api: Client; base: string; cookie: string };

/**
 * The rig of the describe block that calls this: made and started before the block's tests, with
 * the admin signed in, and closed after them. Its fields are set once the block's beforeAll has
 * run, so read them inside the tests.
 */
export function rigForSuite(rigOptions: DialerRigOptions, startOptions: Parameters<DialerRig["start"]>[0]): RigSuite {
  const suite = {} as RigSuite;
  beforeAll(async () => {
    suite.rig = await dialerRig(rigOptions);
    const { api, server, cookie } = await suite.rig.start(startOptions);
    Object.assign(suite, { api, base: server.url, cookie });
  });
  afterAll(() => suite.rig?.close());
  return suite;
}
