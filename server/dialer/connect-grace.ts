/** Seconds a person who answered may wait for an agent before the call counts as abandoned. */
export const CONNECT_GRACE_SEC = 2;
