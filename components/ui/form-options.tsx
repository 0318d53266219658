/** The `<option>`s of a select over a fixed set of values, each shown by its label. */
export function FormOptions<V extends string>({ values, label }: { values: readonly V[]; label: (value: V) => React.ReactNode }) {
  return values.map((v) => (
    <option key={v} value={v}>
      {label(v)}
    </option>
  ));
}
