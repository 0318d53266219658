import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "./secret";

/**
 * Encrypts secrets Pacer must be able to use again (PBX passwords, webhook signing secrets):
 * AES-256-GCM with a key derived from the auth secret, one key per purpose, so a value sealed
 * for one use cannot be opened as another. Stored as `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
export type SealPurpose = "pbx-credentials" | "webhook-secrets";

/** Webhook secrets sealed before each purpose had its own key used the PBX one. */
const LEGACY_PURPOSE: SealPurpose = "pbx-credentials";

function key(secret: string | undefined, purpose: SealPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", secret ?? authSecret(), "pacer", purpose, 32));
}

export function seal(plain: string, secret?: string, purpose: SealPurpose = "pbx-credentials"): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret, purpose), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** Throws when the value was sealed under another secret (AUTH_SECRET changed) or was tampered with. */
export function unseal(sealed: string, secret?: string, purpose: SealPurpose = "pbx-credentials"): string {
  try {
    return open(sealed, key(secret, purpose));
  } catch (err) {
    if (purpose === LEGACY_PURPOSE || (err as Error).message === "not a sealed value") throw err;
    return open(sealed, key(secret, LEGACY_PURPOSE));
  }
}

function open(sealed: string, key: Buffer): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("not a sealed value");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
