import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { importDocumentFromText } from '../config/import-plan.ts';
import { Problem, type FieldError } from '../http/problem.ts';
import { IoError, withMappings, type Command, type Target } from './args.ts';
import type { ImportReport } from './report.ts';

type Remote = Extract<Target, { kind: 'url' }>;
type ImportCommand = Extract<Command, { name: 'import' }>;

/** One call to the runtime with the API token; a refusal becomes the runtime's own problem, an outage an IoError. */
async function call(target: Remote, method: string, path: string, body?: string): Promise<{ text: string; json: unknown }> {
  let res: Response;
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${target.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    res = await fetch(target.url + path, { method, headers, body, signal: AbortSignal.timeout(120_000) });
  } catch (e) {
    throw new IoError(`cannot reach ${target.url}: ${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const problem = json as { detail?: string; errors?: FieldError[] } | undefined;
  if (res.status >= 500) throw new IoError(`${target.url} answered ${res.status}: ${problem?.detail ?? text.slice(0, 200)}`);
  if (res.status >= 400) throw new Problem(res.status as ContentfulStatusCode, problem?.detail ?? `${target.url} answered ${res.status}`, problem?.errors);
  return { text, json };
}

/** The runtime's tenant for this token, checked against --tenant when one was given. */
async function checkTenant(target: Remote, expected: string | undefined): Promise<string> {
  const me = (await call(target, 'GET', '/api/me')).json as { tenant?: { slug?: string } } | undefined;
  const slug = String(me?.tenant?.slug ?? '');
  if (expected !== undefined && expected !== slug) throw new Problem(409, `The token belongs to tenant "${slug}", not "${expected}".`);
  return slug;
}

/** The export of the token's tenant, as the runtime wrote it (canonical text). */
export async function exportFromRuntime(target: Remote, tenant: string | undefined): Promise<string> {
  await checkTenant(target, tenant);
  return (await call(target, 'GET', '/api/config/export')).text;
}

/** Sends the file (checked strictly here first, with --map mappings added) to the runtime's import. */
export async function importIntoRuntime(target: Remote, cmd: ImportCommand, text: string): Promise<{ report: ImportReport; applied: boolean; tenant: string }> {
  const doc = importDocumentFromText(text);
  const mappings = withMappings(doc.mappings, cmd.mappings);
  if (mappings) doc.mappings = mappings;
  const tenant = await checkTenant(target, cmd.tenant);
  const query = `?mode=${cmd.apply ? 'apply' : 'dry-run'}&strategy=${cmd.strategy}`;
  const { json } = await call(target, 'POST', `/api/config/import${query}`, JSON.stringify(doc));
  return { report: { strategy: cmd.strategy, ...(json as Omit<ImportReport, 'strategy'>) }, applied: cmd.apply, tenant };
}
