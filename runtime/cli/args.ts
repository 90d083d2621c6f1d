import { parseArgs } from 'node:util';
import type { Mappings } from '../browser-safe/impact.ts';
import type { Strategy } from '../browser-safe/transfer.ts';

/** A wrong command line: the CLI prints the message and the usage, and exits with 1. */
export class UsageError extends Error {}

/** A file, database or runtime that could not be read or reached: exit code 3. */
export class IoError extends Error {}

/** Mappings from the file with those from --map laid over them, entity by entity. */
export function withMappings(fromFile: Mappings | undefined, given: Mappings): Mappings | undefined {
  const out: Mappings = structuredClone(fromFile ?? {});
  for (const kind of ['states', 'stages'] as const) {
    for (const [entity, map] of Object.entries(given[kind] ?? {})) out[kind] = { ...out[kind], [entity]: { ...out[kind]?.[entity], ...map } };
  }
  return Object.keys(out).length ? out : undefined;
}

/** Where the CLI works: the database itself, or a running runtime reached with an API token. */
export type Target = { kind: 'db'; databaseUrl: string; authToken?: string } | { kind: 'url'; url: string; token: string };

export type Command =
  | { name: 'help' }
  | { name: 'export'; tenant?: string; out?: string; target: Target; json: boolean }
  | { name: 'import'; file: string; tenant?: string; apply: boolean; strategy: Strategy; mappings: Mappings; target: Target; json: boolean };

const OPTIONS = {
  tenant: { type: 'string' },
  out: { type: 'string' },
  'dry-run': { type: 'boolean' },
  apply: { type: 'boolean' },
  strategy: { type: 'string' },
  map: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  url: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--map stages.opportunity.prospecting=qualification` (or `states.case.waiting=open`) into mappings. */
export function parseMappings(specs: string[]): Mappings {
  const mappings: Required<Mappings> = { states: {}, stages: {} };
  for (const spec of specs) {
    const m = /^(states?|stages?)\.([a-z][a-z0-9_]*)\.([^=]+)=(.+)$/.exec(spec);
    if (!m) throw new UsageError(`--map ${spec}: expected states.<entity>.<old>=<new> or stages.<entity>.<old>=<new>`);
    const kind = m[1]!.startsWith('state') ? 'states' : 'stages';
    const forEntity = (mappings[kind][m[2]!] ??= {});
    forEntity[m[3]!] = m[4]!;
  }
  return mappings;
}

function target(values: { url?: string; token?: string }, env: NodeJS.ProcessEnv): Target {
  if (values.url === undefined) {
    if (values.token !== undefined) throw new UsageError('--token needs --url');
    return { kind: 'db', databaseUrl: env.DATABASE_URL ?? 'file:./data/crm.db', authToken: env.DATABASE_AUTH_TOKEN };
  }
  const token = values.token ?? env.CRM_STUDIO_TOKEN;
  if (!token) throw new UsageError('--url needs an API token: --token <token> or CRM_STUDIO_TOKEN');
  if (!/^https?:\/\//.test(values.url)) throw new UsageError(`--url ${values.url}: expected http:// or https://`);
  return { kind: 'url', url: values.url.replace(/\/+$/, ''), token };
}

/** The command a command line asks for; throws UsageError for anything it cannot mean. */
export function parseCommand(argv: string[], env: NodeJS.ProcessEnv): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.help || name === undefined || name === 'help') return { name: 'help' };
  const where = target(values, env);
  if (where.kind === 'db' && !values.tenant) throw new UsageError(`${name} needs --tenant <slug> when working on the database`);
  const json = values.json ?? false;
  if (name === 'export') {
    if (rest.length) throw new UsageError(`export takes no file argument (use --out <file>): ${rest.join(' ')}`);
    return { name, tenant: values.tenant, out: values.out, target: where, json };
  }
  if (name !== 'import') throw new UsageError(`unknown command "${name}": expected export or import`);
  if (rest.length !== 1) throw new UsageError('import takes exactly one file: crm-studio import <file> …');
  if (values['dry-run'] && values.apply) throw new UsageError('choose one of --dry-run and --apply');
  const strategy = values.strategy ?? 'merge';
  if (strategy !== 'merge' && strategy !== 'replace') throw new UsageError(`--strategy ${strategy}: expected merge or replace`);
  return {
    name,
    file: rest[0]!,
    tenant: values.tenant,
    apply: values.apply ?? false,
    strategy,
    mappings: parseMappings(values.map ?? []),
    target: where,
    json,
  };
}

/** `--help`: the commands, their options and the exit codes scripts can rely on. */
export const HELP = `crm-studio: move a tenant's configuration between tenants and installations

Usage:
  crm-studio export --tenant <slug> [--out <file>]
  crm-studio import <file> --tenant <slug> [--dry-run | --apply] [--strategy merge|replace]
                    [--map stages.<entity>.<old>=<new> …] [--map states.<entity>.<old>=<new> …] [--json]

Where it works:
  default                      directly on the database at DATABASE_URL (default file:./data/crm.db;
                               DATABASE_AUTH_TOKEN for a remote libSQL server); runs migrations first
  --url <base> --token <t>     against a running runtime, with an API token (or CRM_STUDIO_TOKEN);
                               the token decides the tenant, --tenant is then only checked

Options:
  --out <file>        write the export to a file instead of standard output
  --dry-run           (default) show what the import would change; writes nothing
  --apply             publish the import as the tenant's next configuration version, all or nothing
  --strategy merge    (default) keep what the tenant has and the file lacks
  --strategy replace  remove what the file lacks (the dry run lists it)
  --map …             where records in removed stages or workflow states go
  --json              machine-readable output on standard output
  -h, --help          this text

Exit codes:
  0  done (a dry run without problems, an applied import, an export)
  1  usage error (unknown option, missing --tenant, bad --map)
  2  refused: invalid or hostile bundle, missing mappings, nothing to import, no privilege, unknown tenant
  3  connection or I/O error: file or database unreadable, runtime unreachable or failing
`;
