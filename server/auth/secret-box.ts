import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "./secret";

/**
 * Encrypts credentials Pacer must be able to use again (PBX passwords): AES-256-GCM with a key
 * derived from the auth secret. Stored as `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
function key(secret = authSecret()): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "pacer", "pbx-credentials", 32));
}

export function seal(plain: string, secret?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** Throws when the value was sealed under another secret (AUTH_SECRET changed) or was tampered with. */
export function unseal(sealed: string, secret?: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("not a sealed value");
  const decipher = createDecipheriv("aes-256-gcm", key(secret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
