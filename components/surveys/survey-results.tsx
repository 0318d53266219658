"use client";

import Link from "next/link";
import { useSurvey, useSurveyResults } from "@/hooks/use-surveys";
import type { SurveyResults } from "@/lib/api-types";
import { formatCount, humanize } from "@/lib/format";
import { isNotFound } from "@/lib/form-errors";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/notice";
import type { TableSpec } from "@/components/ui/resource-table";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { ReportSection, SeriesBars } from "@/components/reports/report-section";

type Answer = SurveyResults["questions"][number]["answers"][number] & { share: number };

const ANSWERS = [{ key: "count", label: "Answers", fill: "#6366f1" }];

const specFor = (title: string): TableSpec<Answer> => ({
  caption: `Answers to ${title}`,
  noun: "answers",
  columns: [
    { header: "Answer", cell: (a) => (a.label === a.value ? a.label : `${a.value}: ${a.label}`), rowHeader: true },
    { header: "Count", cell: (a) => formatCount(a.count), align: "right" },
    { header: "Share", cell: (a) => `${(a.share * 100).toFixed(0)} %`, align: "right" },
  ],
});

/** A survey's results: per question, a chart of its answers with the table beside it; every answer as CSV. */
export function SurveyResultsView({ id }: { id: number }) {
  const survey = useSurvey(id);
  const results = useSurveyResults(id);
  if (survey.error && isNotFound(survey.error)) {
    return <EmptyState title="No such survey" description="It may have been deleted." action={<Link href="/surveys" className="btn-secondary">All surveys</Link>} />;
  }
  if (survey.error) return <ErrorState title="Could not load the survey" error={survey.error} onRetry={() => survey.refetch()} />;
  const s = survey.data;
  const data = results.data;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link href="/surveys" className="text-brand-700 hover:underline dark:text-brand-300">Surveys</Link>
          </p>
          <h1 className="text-xl font-semibold">{s ? s.name : "Survey"}</h1>
          {s?.description && <p className="mt-0.5 max-w-3xl text-sm text-slate-500 dark:text-slate-400">{s.description}</p>}
        </div>
        <div className="flex flex-wrap gap-2">
          <a className="btn-secondary" href={`/api/surveys/${id}/results?format=csv`} download>
            Download all answers (CSV)
          </a>
          <Link className="btn-primary" href={`/surveys/${id}/edit`}>
            Edit survey
          </Link>
        </div>
      </div>
      <StatGrid label="Survey totals" className="grid-cols-1 sm:grid-cols-3">
        <StatCard label="Calls that answered" value={data ? formatCount(data.calls) : "…"} />
        <StatCard label="Questions" value={s ? formatCount(s.question_count) : "…"} />
        <StatCard label="Answers stored" value={s ? formatCount(s.response_count) : "…"} />
      </StatGrid>
      {results.error && !data ? (
        <ErrorState title="Could not load the results" error={results.error} onRetry={() => results.refetch()} />
      ) : !data ? (
        <div role="status" aria-label="Loading results" className="grid gap-4 lg:grid-cols-2">
          <Skeleton className="h-64" />
          <Skeleton className="h-64" />
        </div>
      ) : (
        data.questions.map((q) => {
          const title = `Question ${q.position}: ${q.text}`;
          const rows: Answer[] = q.answers.map((a) => ({ ...a, share: q.total ? a.count / q.total : 0 }));
          return (
            <ReportSection
              key={q.id}
              title={title}
              description={`${humanize(q.type)} · ${formatCount(q.total)} answer${q.total === 1 ? "" : "s"}`}
              query={{ rows, isPending: false, isFetching: results.isFetching, isPlaceholderData: false, error: results.error, refetch: results.refetch }}
              spec={specFor(`question ${q.position}`)}
              rowKey={(a) => a.value}
              hasData={() => q.total > 0}
              emptyTitle="No answers yet"
              emptyDescription="Answers appear here as the campaigns that use this survey make their calls."
              chart={(r) => <SeriesBars rows={r} xKey="label" series={ANSWERS} label={`Answers to question ${q.position}`} />}
            />
          );
        })
      )}
    </div>
  );
}
