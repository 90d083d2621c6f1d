import { hash, verify } from '@node-rs/argon2';
import { readFileSync } from 'node:fs';
import { Problem } from '../http/problem.ts';
import { join } from 'node:path';
import { ROOT } from '../root.ts';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** argon2id cost; the default meets OWASP ASVS (19 MiB, 2 passes). Tests lower it through the environment. */
export interface HashCost {
  memoryCost: number;
  timeCost: number;
}
export const DEFAULT_COST: HashCost = { memoryCost: 19456, timeCost: 2 };

export function costFromEnv(env: NodeJS.ProcessEnv): HashCost {
  return {
    memoryCost: Number(env.ARGON2_MEMORY_KIB ?? DEFAULT_COST.memoryCost),
    timeCost: Number(env.ARGON2_ITERATIONS ?? DEFAULT_COST.timeCost),
  };
}

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(join(ROOT, 'runtime', 'auth', 'common-passwords.txt'), 'utf8')
      .split('\n')
      .filter(Boolean),
  );
  return common;
}

/** Why a new password is refused, or undefined when it is acceptable; `min` is the company's (at least PASSWORD_MIN). */
function passwordProblem(password: string, email: string, min: number): string | undefined {
  const length = [...password].length;
  const least = Math.max(min, PASSWORD_MIN);
  if (length < least) return `must have at least ${least} characters`;
  if (length > PASSWORD_MAX) return `must have at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'is one of the most common passwords; choose another';
  if (email && lower === email.toLowerCase().split('@')[0]) return 'must not be your email address';
  return undefined;
}

/** Refuses a weak new password with a 422 naming the body field it came in (`path`); `min` from the company policy. */
export function requireStrongPassword(password: string, email: string, path: string, min: number): void {
  const weak = passwordProblem(password, email, min);
  if (weak) throw new Problem(422, `The password ${weak}.`, [{ path, message: weak }]);
}

export function hashPassword(password: string, cost: HashCost): Promise<string> {
  // 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot import).
  return hash(password, { algorithm: 2, parallelism: 1, ...cost });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
