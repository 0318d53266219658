import type { Row } from "./metrics";

/**
 * An SVG of the base model: occupancy by team size, one panel per answer rate, one line per policy;
 * each point's abandon rate is printed beside it. Hand-written SVG, so the benchmark needs no
 * plotting package.
 */
const COLORS: Record<string, string> = {
  progressive: "#888888",
  "fixed-ratio": "#1f77b4",
  "vicidial-adapt": "#d62728",
  pacer: "#2ca02c",
  clairvoyant: "#9467bd",
};
const PANEL_W = 360;
const PANEL_H = 280;
const PAD = { left: 48, right: 32, top: 36, bottom: 40 };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function renderChart(rows: Row[]): string {
  const base = rows.filter((r) => r.scenario === "base");
  const rates = [...new Set(base.map((r) => r.answerRate))].sort((a, b) => a - b);
  const agents = [...new Set(base.map((r) => r.agents))].sort((a, b) => a - b);
  const policies = Object.keys(COLORS).filter((p) => base.some((r) => r.policy === p));
  const minOcc = Math.max(0, Math.floor(Math.min(...base.map((r) => r.occupancy)) * 10) / 10);
  const width = PANEL_W * Math.max(1, rates.length);
  const height = PANEL_H + 40;
  const parts: string[] = [];
  rates.forEach((rate, i) => {
    const x0 = i * PANEL_W;
    const plotW = PANEL_W - PAD.left - PAD.right;
    const plotH = PANEL_H - PAD.top - PAD.bottom;
    const x = (a: number) => x0 + PAD.left + (agents.length === 1 ? plotW / 2 : (agents.indexOf(a) / (agents.length - 1)) * plotW);
    const y = (occ: number) => PAD.top + (1 - (occ - minOcc) / (1 - minOcc)) * plotH;
    parts.push(`<text x="${x0 + PANEL_W / 2}" y="20" text-anchor="middle" font-weight="bold">base model, pH ${Math.round(rate * 100)} %</text>`);
    parts.push(`<rect x="${x0 + PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#ccc"/>`);
    for (let g = minOcc; g <= 1.0001; g += 0.1) {
      parts.push(`<line x1="${x0 + PAD.left}" x2="${x0 + PAD.left + plotW}" y1="${y(g)}" y2="${y(g)}" stroke="#eee"/>`);
      parts.push(`<text x="${x0 + PAD.left - 4}" y="${y(g) + 4}" text-anchor="end" font-size="10">${Math.round(g * 100)}%</text>`);
    }
    for (const a of agents) parts.push(`<text x="${x(a)}" y="${PAD.top + plotH + 16}" text-anchor="middle" font-size="10">${a}</text>`);
    parts.push(`<text x="${x0 + PAD.left + plotW / 2}" y="${PAD.top + plotH + 32}" text-anchor="middle" font-size="11">agents (occupancy; label = abandon rate)</text>`);
    for (const p of policies) {
      const pts = agents
        .map((a) => base.find((r) => r.policy === p && r.agents === a && r.answerRate === rate))
        .filter((r): r is Row => !!r);
      const d = pts.map((r, k) => `${k === 0 ? "M" : "L"}${x(r.agents).toFixed(1)},${y(r.occupancy).toFixed(1)}`).join(" ");
      parts.push(`<path d="${d}" fill="none" stroke="${COLORS[p]}" stroke-width="2"/>`);
      for (const r of pts) {
        parts.push(`<circle cx="${x(r.agents).toFixed(1)}" cy="${y(r.occupancy).toFixed(1)}" r="3" fill="${COLORS[p]}"/>`);
        if (p === "pacer" || p === "vicidial-adapt")
          parts.push(`<text x="${(x(r.agents) + 4).toFixed(1)}" y="${(y(r.occupancy) + (p === "pacer" ? -5 : 12)).toFixed(1)}" font-size="9" fill="${COLORS[p]}">${(r.abandonRate * 100).toFixed(1)}%</text>`);
      }
    }
  });
  policies.forEach((p, k) => {
    const lx = 16 + k * 140;
    parts.push(`<rect x="${lx}" y="${PANEL_H + 12}" width="12" height="12" fill="${COLORS[p]}"/>`);
    parts.push(`<text x="${lx + 16}" y="${PANEL_H + 22}" font-size="12">${esc(p)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">\n<rect width="100%" height="100%" fill="white"/>\n${parts.join("\n")}\n</svg>\n`;
}
