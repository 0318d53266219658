#!/usr/bin/env node
/**
 * Keeps `npm ci` working after `npm install` on a registry mirror that only serves this machine's
 * platform. npm then leaves other platforms' native builds (next's SWC, Tailwind's oxide) out of
 * package-lock.json, and `npm ci` refuses the lock as out of sync. This adds those optional
 * entries back with the os/cpu they are for, so npm skips them here and fetches them elsewhere.
 *
 * Run after changing dependencies: `node scripts/lock-platform-optionals.mjs`.
 */
import { readFileSync, writeFileSync } from "node:fs";

const PLATFORMS = [
  [/-android-arm64$/, { os: ["android"], cpu: ["arm64"] }],
  [/-darwin-arm64$/, { os: ["darwin"], cpu: ["arm64"] }],
  [/-darwin-x64$/, { os: ["darwin"], cpu: ["x64"] }],
  [/-freebsd-x64$/, { os: ["freebsd"], cpu: ["x64"] }],
  [/-linux-arm-gnueabihf$/, { os: ["linux"], cpu: ["arm"] }],
  [/-linux-arm64-gnu$/, { os: ["linux"], cpu: ["arm64"], libc: ["glibc"] }],
  [/-linux-arm64-musl$/, { os: ["linux"], cpu: ["arm64"], libc: ["musl"] }],
  [/-linux-x64-gnu$/, { os: ["linux"], cpu: ["x64"], libc: ["glibc"] }],
  [/-linux-x64-musl$/, { os: ["linux"], cpu: ["x64"], libc: ["musl"] }],
  [/-wasm32-wasi$/, { cpu: ["wasm32"] }],
  [/-win32-arm64-msvc$/, { os: ["win32"], cpu: ["arm64"] }],
  [/-win32-x64-msvc$/, { os: ["win32"], cpu: ["x64"] }],
];

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const added = [];
for (const [path, meta] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const platform = PLATFORMS.find(([re]) => re.test(name));
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    lock.packages[key] = { version, optional: true, ...platform[1] };
    added.push(`${name}@${version} (for ${path})`);
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(added.length ? `added ${added.length} platform entries:\n  ${added.join("\n  ")}` : "lock file already complete");
