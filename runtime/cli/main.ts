import { readFile, writeFile } from 'node:fs/promises';
import { Problem } from '../http/problem.ts';
import { HELP, IoError, parseCommand, UsageError, type Command } from './args.ts';
import { exportFromDb, importIntoDb, withDb } from './local.ts';
import { exportFromRuntime, importIntoRuntime } from './remote.ts';
import { renderImport, renderProblem, type ImportReport } from './report.ts';

/** Exit codes scripts can rely on (documented in --help). */
export const EXIT = { ok: 0, usage: 1, refused: 2, io: 3 } as const;

/** Where the CLI writes: injectable so tests of the pure parts need no process. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new IoError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function runExport(cmd: Extract<Command, { name: 'export' }>, io: Output): Promise<number> {
  const { target } = cmd;
  const text =
    target.kind === 'db'
      ? await withDb(target.databaseUrl, target.authToken, (db) => exportFromDb(db, cmd.tenant!))
      : await exportFromRuntime(target, cmd.tenant);
  if (!cmd.out) return (io.out(text), EXIT.ok);
  try {
    await writeFile(cmd.out, text);
  } catch (e) {
    throw new IoError(`cannot write ${cmd.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const meta = JSON.parse(text).meta;
  io.err(`Exported ${meta.sourceTenant} (configuration version ${meta.sourceVersion}) to ${cmd.out}\n`);
  return EXIT.ok;
}

async function runImport(cmd: Extract<Command, { name: 'import' }>, io: Output): Promise<number> {
  const text = await readText(cmd.file);
  const { target } = cmd;
  let result: { report: ImportReport; applied: boolean; tenant?: string };
  if (target.kind === 'db') result = await withDb(target.databaseUrl, target.authToken, (db) => importIntoDb(db, cmd, text));
  else result = await importIntoRuntime(target, cmd, text);
  const { report, applied } = result;
  if (cmd.json) io.out(JSON.stringify(report, null, 2) + '\n');
  else io.out(renderImport(report, result.tenant ?? cmd.tenant ?? '', applied));
  // A dry run that found problems is a refusal: the same import with --apply would be refused.
  return !applied && report.problems?.length ? EXIT.refused : EXIT.ok;
}

/** Runs one command line and returns its exit code; every failure is reported, none is thrown. */
export async function run(argv: string[], env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  let json = argv.includes('--json');
  try {
    const cmd = parseCommand(argv, env);
    if (cmd.name === 'help') return (io.out(HELP), EXIT.ok);
    json = cmd.json;
    return cmd.name === 'export' ? await runExport(cmd, io) : await runImport(cmd, io);
  } catch (e) {
    if (e instanceof UsageError) return (io.err(`error: ${e.message}\n\n${HELP}`), EXIT.usage);
    const problem = e instanceof Problem ? { status: e.status, detail: e.detail, errors: e.errors, ...e.extra } : { detail: (e as Error).message };
    if (json) io.out(JSON.stringify(problem, null, 2) + '\n');
    else io.err(renderProblem(problem));
    return e instanceof Problem && e.status < 500 ? EXIT.refused : EXIT.io;
  }
}
