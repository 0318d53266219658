"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { useRealtimeSync } from "@/hooks/use-realtime";
import { ApiClientError } from "@/lib/api-client";
import { Toaster } from "./ui/toaster";

function RealtimeSync() {
  useRealtimeSync();
  return null;
}

/** A 4xx (not found, forbidden, bad filter) will not change on a retry; network and 5xx errors might. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiClientError && error.code >= 400 && error.code < 500) return false;
  return failureCount < 1;
}

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: true, retry: shouldRetry } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <RealtimeSync />
      <Toaster>{children}</Toaster>
    </QueryClientProvider>
  );
}
