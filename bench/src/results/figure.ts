/** One line of the results table. */
export interface Figure {
  id: string;
  /** What was measured (table's first column). */
  name: string;
  /** The measured numbers, as shown. */
  result: string;
  /** The baseline and ratio, when there is one. */
  baseline?: string;
  goal?: string;
  /** true = met, false = missed, null = no goal or not measured. */
  met: boolean | null;
  notMeasured?: string;
  data?: unknown;
}

export const fmtMs = (ms: number) =>
  ms >= 100
    ? `${Math.round(ms).toLocaleString('en-US')} ms`
    : `${ms.toFixed(1)} ms`;
export const fmtRatio = (r: number) =>
  `${r >= 100 ? Math.round(r).toLocaleString('en-US') : r.toFixed(1)}×`;
export const fmtMB = (bytes: number) =>
  `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

export function notMeasured(
  id: string,
  name: string,
  goal: string,
  why: string,
): Figure {
  return {
    id,
    name,
    result: 'not measured',
    goal,
    met: null,
    notMeasured: why,
  };
}
