import { expect } from 'vitest';
import type { Reply } from './harness.ts';

/** Fails when a response body carries internals: stack frames, source paths, driver or SQL errors. */
export function expectNoInternals(body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  expect(text).not.toMatch(/\n\s*at |\bat [\w.<>]+ \(|\bat (?:file:|node:|\/)/); // stack frames
  expect(text).not.toMatch(/\.(?:ts|js|mjs|cjs)(?::\d+)/); // file:line
  expect(text).not.toMatch(/\/work\/|node_modules|\/tmp\/|runtime\//); // file paths
  expect(text).not.toMatch(/SQLITE_|libsql|LibsqlError|TypeError|ReferenceError/i);
}

/** Checks an RFC 9457 problem+json answer with the given status, and that it leaks nothing. */
export function expectProblem(res: Reply, status: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  expect(res.body.detail.length).toBeGreaterThan(0);
  if (res.body.errors !== undefined) {
    expect(res.body.errors.length).toBeGreaterThan(0);
    // Each path is a JSON Pointer into the body; '' points at the whole body.
    for (const e of res.body.errors) expect(e).toEqual({ path: expect.stringMatching(/^(?:\/|$)/), message: expect.any(String) });
  }
  expectNoInternals(res.body);
}
