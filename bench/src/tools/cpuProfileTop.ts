/*
 * Prints where a V8 CPU profile (.cpuprofile, from BENCH_CPU_PROFILE=1) spends its time: the
 * functions with the most self time, and the most inclusive time of our own code.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/src/tools/cpuProfileTop.ts <file> [rows]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: cpuProfileTop.ts <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes)
  for (const c of n.children ?? []) parent.set(c, n.id);
const sampleMs = new Map<number, number>();
profile.samples.forEach((id, i) =>
  sampleMs.set(
    id,
    (sampleMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000,
  ),
);
const total = [...sampleMs.values()].reduce((a, b) => a + b, 0);

const label = (n: Node) => {
  const url = n.callFrame.url
    .replace(/^file:\/\//, '')
    .replace(/.*\/(node_modules|plugins|packages|bench)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}:${
    n.callFrame.lineNumber + 1
  }`;
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, ms] of sampleMs) {
  const n = byId.get(id)!;
  self.set(label(n), (self.get(label(n)) ?? 0) + ms);
  const seen = new Set<string>();
  for (
    let cur: number | undefined = id;
    cur !== undefined;
    cur = parent.get(cur)
  ) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + ms);
  }
}
const print = (
  title: string,
  m: Map<string, number>,
  filter: (l: string) => boolean = () => true,
) => {
  console.log(`\n${title}`);
  [...m]
    .filter(([l]) => filter(l))
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .forEach(([l, ms]) =>
      console.log(
        `${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100)
          .toFixed(1)
          .padStart(5)}%  ${l}`,
      ),
    );
};
console.log(`total sampled: ${total.toFixed(0)} ms`);
print('self time', self);
print('inclusive time, plugins/', inclusive, l => l.includes('plugins/'));
