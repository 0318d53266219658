/** Why the simulated switch refused a request; each wire protocol answers it in its own words. */
export class SimError extends Error {
  constructor(
    readonly kind: "not_found" | "conflict" | "bad_request" | "unsupported" | "unavailable",
    message: string,
  ) {
    super(message);
  }
}
