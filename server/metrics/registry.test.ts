import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countImportRows, pacerMetrics } from "./registry";

const exposed = async () => new Set((await pacerMetrics().registry.getMetricsAsJSON()).map((m) => m.name));

describe("metrics registry", () => {
  it("is one per process, whoever asks first", () => {
    expect(pacerMetrics()).toBe(pacerMetrics());
  });

  it("exposes every metric the sample Grafana dashboard and the README name", async () => {
    const names = await exposed();
    const root = path.resolve(__dirname, "../..");
    for (const file of ["docs/grafana-pacer.json", "README.md"]) {
      const used = new Set([...readFileSync(path.join(root, file), "utf8").matchAll(/\bpacer_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, "")));
      expect(used.size).toBeGreaterThan(5);
      for (const name of used) expect(names, `${file} names ${name}`).toContain(name);
    }
  });

  it("counts an import batch's rows by result from the job's counts before and after", async () => {
    const rows = async () => Object.fromEntries(((await pacerMetrics().importRows.get()).values).map((v) => [v.labels.result, v.value]));
    const start = await rows();
    countImportRows({ inserted: 10, duplicates: 1, dncRows: 0, errorRows: 2 }, { inserted: 15, duplicates: 1, dncRows: 3, errorRows: 4 });
    const end = await rows();
    const delta = (r: string) => (end[r] ?? 0) - (start[r] ?? 0);
    expect({ inserted: delta("inserted"), duplicate: delta("duplicate"), dnc: delta("dnc"), error: delta("error") }).toEqual({ inserted: 5, duplicate: 0, dnc: 3, error: 2 });
  });
});
