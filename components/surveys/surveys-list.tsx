"use client";

import Link from "next/link";
import { useSurveys } from "@/hooks/use-surveys";
import type { Survey } from "@/lib/api-types";
import { formatCount } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { ResourceTable, type TableSpec } from "@/components/ui/resource-table";
import { Skeleton } from "@/components/ui/skeleton";
import { TablePageHeader } from "@/components/ui/table-page-header";

const SPEC: TableSpec<Survey> = {
  caption: "Surveys with their questions and answers",
  noun: "surveys",
  columns: [
    {
      header: "Survey",
      rowHeader: true,
      cell: (s) => (
        <>
          <Link href={`/surveys/${s.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
            {s.name}
          </Link>
          {s.description && <p className="max-w-80 truncate text-xs text-slate-500 dark:text-slate-400">{s.description}</p>}
        </>
      ),
    },
    { header: "Questions", cell: (s) => formatCount(s.question_count), align: "right" },
    { header: "Answers", cell: (s) => formatCount(s.response_count), align: "right" },
    { header: "Edit", cell: (s) => <Link href={`/surveys/${s.id}/edit`} className="btn-secondary px-2.5 py-1 text-xs" aria-label={`Edit ${s.name}`}>Edit</Link> },
  ],
};

/** The surveys page: every survey, a link to its results and its editor, and the button for a new one. */
export function SurveysList() {
  const q = useSurveys();
  let body: React.ReactNode;
  if (q.error && !q.data) body = <div className="p-4"><ErrorState title="Could not load the surveys" error={q.error} onRetry={() => q.refetch()} /></div>;
  else if (!q.data) body = <div role="status" aria-label="Loading surveys" className="space-y-2 p-4"><Skeleton className="h-8" /><Skeleton className="h-8" /><Skeleton className="h-8" /></div>;
  else if (!q.data.length)
    body = (
      <div className="p-4">
        <EmptyState title="No surveys yet" description="Create a survey, then choose it as a campaign's destination: every person who answers hears its questions." action={<Link href="/surveys/new" className="btn-primary">New survey</Link>} />
      </div>
    );
  else body = <ResourceTable spec={SPEC} rows={q.data} rowKey={(s) => s.id} empty={null} />;
  return (
    <div className="space-y-5">
      <TablePageHeader title="Surveys" actions={<Link href="/surveys/new" className="btn-primary">New survey</Link>}>
        Questions asked on answered calls: choices keyed 1-5, numbers, yes or no, or a spoken answer that is recorded. Each answer is stored the
        moment it is given; a survey&apos;s page charts them per question.
      </TablePageHeader>
      <Panel title="Surveys">{body}</Panel>
    </div>
  );
}
