import type { Metadata } from "next";
import { Suspense } from "react";
import { RequireRole } from "@/components/auth/require-role";
import { CallRecords } from "@/components/cdr/call-records";

export const metadata: Metadata = { title: "Call records" };

export default function CallRecordsPage() {
  return (
    <RequireRole roles={["admin", "supervisor"]}>
      <Suspense>
        <CallRecords />
      </Suspense>
    </RequireRole>
  );
}
