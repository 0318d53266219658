import { createHash } from "node:crypto";

/** Applies the saved (or system) colour scheme before first paint, so dark mode never flashes. */
export const THEME_SCRIPT = `try{var t=localStorage.getItem("pacer-theme");var d=t?t==="dark":matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d)}catch(e){}`;

/** The script's CSP source: the page's policy lets this one inline script run, and no other. */
export const THEME_SCRIPT_HASH = `'sha256-${createHash("sha256").update(THEME_SCRIPT).digest("base64")}'`;
