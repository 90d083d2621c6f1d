import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'runtime', 'cli', 'crm-studio.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts the `crm-studio` command as its own process: the file package.json's `bin` names, or with `preload`
 * (instrumentation loaded first, `node --import`) its main through tsx, so the instrumentation reaches its modules.
 */
export function spawnCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  preload?: string,
): { child: ChildProcess; done: Promise<CliRun>; stderr: () => string } {
  const entry = preload ? ['--import', 'tsx', '--import', preload, join(import.meta.dirname, 'run-cli.ts')] : [BIN];
  const child = spawn(process.execPath, [...entry, ...args], {
    env: { ...process.env, CRM_STUDIO_TOKEN: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done, stderr: () => stderr };
}

/** Runs `crm-studio` to the end. */
export const cli = (args: string[], env: Record<string, string | undefined> = {}) => spawnCli(args, env).done;
