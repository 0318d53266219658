import { Suspense } from "react";
import { staffPage } from "@/components/auth/require-role";
import { CallRecords } from "@/components/cdr/call-records";

export const metadata = { title: "Call records" };
// Suspense: the filters live in the URL's query string, which is read in the browser.
export default staffPage(() => (
  <Suspense>
    <CallRecords />
  </Suspense>
));
