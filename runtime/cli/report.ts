import type { Change } from '../browser-safe/diff.ts';
import type { Impact } from '../browser-safe/impact.ts';
import type { FieldError } from '../http/problem.ts';
import type { Removal } from '../browser-safe/transfer.ts';

/** What an import answers, from the database or from a runtime: a dry run, or an applied version. */
export interface ImportReport {
  strategy?: string;
  fromVersion?: number;
  version?: number;
  changes: Change[];
  impact: Impact;
  problems?: FieldError[];
  removedByReplace: Removal[];
}

const SIGN = { added: '+', removed: '-', changed: '~' } as const;

function changeLines(changes: Change[], removed: Removal[]): string[] {
  if (!changes.length) return ['  (none: the file matches the current configuration)'];
  const byReplace = new Set(removed.map((r) => `${r.part}/${r.key}`));
  return changes.map((c) => {
    const what = `${SIGN[c.change]} ${c.part}/${c.key}`;
    if (c.change === 'changed') return `  ${what}: ${(c.paths ?? []).join(', ')}`;
    return `  ${what}${byReplace.has(`${c.part}/${c.key}`) ? ' (removed by --strategy replace)' : ''}`;
  });
}

function impactLines(impact: Impact): string[] {
  const lines: string[] = [];
  for (const [entity, n] of Object.entries(impact.invalidRecords)) lines.push(`  ${entity}: ${n} record(s) would no longer validate against the new form`);
  for (const [entity, n] of Object.entries(impact.removedEntities)) lines.push(`  ${entity}: ${n} record(s) of an entity the import removes`);
  for (const [kind, orphaned] of [
    ['state', impact.orphanedStates],
    ['stage', impact.orphanedStages],
  ] as const) {
    for (const [entity, counts] of Object.entries(orphaned)) {
      for (const [key, n] of Object.entries(counts)) lines.push(`  ${entity}: ${n} record(s) in ${kind} "${key}", which the import removes`);
    }
  }
  return lines.length ? lines : ['  (none)'];
}

/** Where an unmapped orphan's problem path asks for a --map option, the option to pass. */
function hint(path: string): string {
  const m = /^\/mappings\/(states|stages)\/([^/]+)\/(.+)$/.exec(path);
  return m ? `  → --map ${m[1]}.${m[2]}.${m[3]}=<new ${m[1] === 'states' ? 'state' : 'stage'}>` : '';
}

/** The human-readable account of an import: header, changes, impact on records, problems, and what happened. */
export function renderImport(report: ImportReport, tenant: string, applied: boolean): string {
  const lines = [
    `Import into ${tenant}${report.strategy ? ` (strategy ${report.strategy})` : ''}`,
    '',
    'Changes:',
    ...changeLines(report.changes, report.removedByReplace),
    '',
    'Impact on records:',
    ...impactLines(report.impact),
  ];
  if (report.problems?.length) {
    lines.push('', 'Problems:');
    for (const p of report.problems) lines.push(`  ${p.path}: ${p.message}${hint(p.path)}`);
  }
  lines.push('');
  if (applied) lines.push(`Applied: published as configuration version ${report.version}.`);
  else if (report.problems?.length) lines.push('Nothing was written (dry run). Fix the problems above before --apply.');
  else lines.push(`Nothing was written (dry run). Run again with --apply to publish it as version ${(report.fromVersion ?? 0) + 1}.`);
  return lines.join('\n') + '\n';
}

/** A refusal or failure for people: the detail, then each path and message. */
export function renderProblem(problem: { status?: number; detail?: string; errors?: FieldError[] }): string {
  const lines = [`error: ${problem.detail ?? 'failed'}`];
  for (const e of problem.errors ?? []) lines.push(`  ${e.path || '(document)'}: ${e.message}${hint(e.path)}`);
  return lines.join('\n') + '\n';
}
