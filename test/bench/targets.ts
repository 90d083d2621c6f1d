/** The performance targets of `npm run bench`, each checked against the figure the bench measured. */
export interface Target {
  name: string;
  /** Where the figure comes from: `inProcess`/`http` timings in ms, `rate` in req/s, `ratio`, or `MiB`. */
  unit: 'ms' | 'req/s' | '×' | 'MiB';
  limit: number;
  /** `max`: the figure must stay at or below the limit; `min`: at or above it. */
  kind: 'max' | 'min';
}

export const TARGETS: Target[] = [
  { name: 'member list over HTTP', unit: 'req/s', limit: 4000, kind: 'min' },
  { name: 'owner list over HTTP', unit: 'req/s', limit: 4000, kind: 'min' },
  { name: 'manager (team) list over HTTP', unit: 'req/s', limit: 4000, kind: 'min' },
  { name: 'member filtered list over HTTP', unit: 'req/s', limit: 4000, kind: 'min' },
  { name: 'member list, 1 connection, p50', unit: 'ms', limit: 0.45, kind: 'max' },
  { name: 'member search, common word, over HTTP', unit: 'req/s', limit: 640, kind: 'min' },
  { name: 'member search, common word, p50 in process', unit: 'ms', limit: 1.5, kind: 'max' },
  { name: 'member search, rare word, p50 in process', unit: 'ms', limit: 1.5, kind: 'max' },
  { name: 'create over HTTP', unit: 'req/s', limit: 2000, kind: 'min' },
  { name: 'owner pipeline report, p50', unit: 'ms', limit: 100, kind: 'max' },
  { name: 'manager pipeline report, p50', unit: 'ms', limit: 100, kind: 'max' },
  { name: 'owner count=true, p50', unit: 'ms', limit: 5, kind: 'max' },
  { name: 'member list, 1M ÷ 10k', unit: '×', limit: 1.2, kind: 'max' },
  { name: 'owner list, 1M ÷ 10k', unit: '×', limit: 1.2, kind: 'max' },
  { name: 'member search, 1M ÷ 10k', unit: '×', limit: 1.2, kind: 'max' },
  { name: 'server peak RSS', unit: 'MiB', limit: 200, kind: 'max' },
];

/** Prints every target with its figure and ✔ or ✘ (✘ also when the bench did not measure it). */
export function printTargets(figures: Map<string, number>): void {
  console.log('\n== Targets (issue 13)');
  for (const t of TARGETS) {
    const value = figures.get(t.name);
    const met = value !== undefined && (t.kind === 'max' ? value <= t.limit : value >= t.limit);
    const shown = value === undefined ? 'not measured' : `${value.toFixed(value < 10 ? 2 : 0)} ${t.unit}`;
    console.log(`${met ? '✔' : '✘'} ${t.name.padEnd(44)} ${shown.padStart(14)}   (${t.kind === 'max' ? '≤' : '≥'} ${t.limit} ${t.unit})`);
  }
}
