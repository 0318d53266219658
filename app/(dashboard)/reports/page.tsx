import { Suspense } from "react";
import { staffPage } from "@/components/auth/require-role";
import { ReportsPage } from "@/components/reports/reports-page";

export const metadata = { title: "Reports" };
// Suspense: the filters live in the URL's query string, which is read in the browser.
export default staffPage(() => (
  <Suspense>
    <ReportsPage />
  </Suspense>
));
