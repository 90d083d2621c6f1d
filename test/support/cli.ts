import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'runtime', 'cli', 'crm-studio.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the `crm-studio` command as its own process (the file package.json's `bin` names). */
export function spawnCli(args: string[], env: Record<string, string | undefined> = {}): { child: ChildProcess; done: Promise<CliRun>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CRM_STUDIO_TOKEN: undefined, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done, stderr: () => stderr };
}

/** Runs `crm-studio` to the end. */
export const cli = (args: string[], env: Record<string, string | undefined> = {}) => spawnCli(args, env).done;
