"use client";

import { PolarAngleAxis, RadialBar, RadialBarChart, ResponsiveContainer } from "recharts";
import { formatRate } from "@/lib/campaign-rules";

/** Share of the cap at which the gauge turns amber: pacing aims below the cap, not at it. */
const WARN_SHARE = 0.8;

/**
 * Abandonment against the cap as a half-dial: the dial runs to twice the cap, so the cap sits at
 * the top; green under 80 % of it, amber up to it, red at or over. The figures are written out as
 * text as well, for screen readers and for reading across a room.
 */
export function AbandonGauge({ rate, cap, liveAnswers, abandoned, window }: { rate: number; cap: number; liveAnswers: number; abandoned: number; window: string }) {
  const max = Math.max(cap * 2, rate, 0.001);
  const tone = rate >= cap ? "#dc2626" : rate >= cap * WARN_SHARE ? "#f59e0b" : "#10b981";
  const words = rate >= cap ? "At or over the cap" : rate >= cap * WARN_SHARE ? "Close to the cap" : "Under the cap";
  return (
    <figure aria-label={`Abandon rate ${window}: ${formatRate(rate)} against a cap of ${formatRate(cap)}. ${words}.`} className="flex flex-col items-center">
      {/* 2:1, so the half-dial's radius (a share of half the shorter side) fills the width. */}
      <div className="relative aspect-[2/1] w-full max-w-[18rem]">
        <ResponsiveContainer width="100%" height="100%">
          <RadialBarChart data={[{ value: Math.min(rate, max) }]} startAngle={180} endAngle={0} cx="50%" cy="100%" innerRadius="150%" outerRadius="200%">
            <PolarAngleAxis type="number" domain={[0, max]} tick={false} axisLine={false} />
            <RadialBar dataKey="value" fill={tone} background={{ fill: "#94a3b8", fillOpacity: 0.25 }} cornerRadius={4} isAnimationActive={false} />
          </RadialBarChart>
        </ResponsiveContainer>
        {/* The cap, at the top of the dial. */}
        <span aria-hidden="true" className="absolute left-1/2 top-0 h-5 w-1 -translate-x-1/2 rounded bg-slate-900 dark:bg-slate-100" />
        <div className="absolute inset-x-0 bottom-0 text-center">
          <p data-testid="wb-abandon-rate" className="text-4xl font-bold tabular-nums sm:text-5xl" style={{ color: tone }}>
            {formatRate(rate)}
          </p>
        </div>
      </div>
      <figcaption className="mt-1 text-center text-sm text-slate-600 dark:text-slate-300">
        Cap {formatRate(cap)} · {abandoned} of {liveAnswers} live answers, {window}
      </figcaption>
    </figure>
  );
}
