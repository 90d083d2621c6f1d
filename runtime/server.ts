import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { costFromEnv } from './auth/password.ts';
import { loadSecretKey } from './auth/secret-key.ts';
import { purgeAudit } from './audit/retention.ts';
import { forgetPendingFiles } from './attachments/store.ts';
import { emptyBins } from './records/recycle-bin.ts';
import { remindDueTasks } from './tasks/reminders.ts';
import { forgetOldImports, startImportWorker } from './imports/run.ts';
import { openDb } from './db/client.ts';
import { startMailWorker } from './email/worker.ts';
import { systemMailFromEnv } from './email/system-mail.ts';
import { guardConnections, limitsFromEnv, setting, timeoutOptions } from './http/connections.ts';
import { parsePublicUrl } from './http/origin.ts';
import { DatabaseTooNewError, migrate } from './db/migrate.ts';
import { DEFAULT_LEASE_MS, startScheduler } from './workflows/timers.ts';
import { startServiceLevelWorker } from './service-levels/worker.ts';
import { ROOT } from './root.ts';

const env = process.env;
const url = env.DATABASE_URL ?? 'file:./data/crm.db';
const port = Number(env.PORT ?? 8787);
const host = env.HOST ?? '127.0.0.1';
const webRoot = join(ROOT, 'dist');

async function main() {
  const publicUrl = env.PUBLIC_URL ? parsePublicUrl(env.PUBLIC_URL) : undefined;
  const limits = limitsFromEnv(env);
  const timers = { intervalMs: setting(env, 'TIMER_INTERVAL_MS', 5000, 1), leaseMs: setting(env, 'TIMER_LEASE_MS', DEFAULT_LEASE_MS, 1) };
  const secretKey = loadSecretKey(env, url);
  const db = await openDb({ url, authToken: env.DATABASE_AUTH_TOKEN });
  try {
    await migrate(db);
  } catch (e) {
    if (e instanceof DatabaseTooNewError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const deps = {
    db,
    hashCost: costFromEnv(env),
    now: Date.now,
    secretKey,
    trustProxy: env.TRUST_PROXY === '1',
    publicUrl,
    webRoot,
    mailAllowPrivate: env.MAIL_ALLOW_PRIVATE === '1',
    systemMail: systemMailFromEnv(env),
  };
  const app = createApp(deps);
  // Workflow timers: due ones (also those that came due while no process ran) fire within a few seconds.
  const scheduler = startScheduler({ db, now: Date.now, ...timers });
  // Service level marks (80 % and 100 % of a target) come due the same way, claimed by one process at a time.
  const serviceLevels = startServiceLevelWorker({ db, now: Date.now, ...timers });
  // Imports waiting for a process to take them up (also those a stopped process left half done).
  const importer = startImportWorker(deps);
  // Mailboxes due for a sync (each claimed by one process at a time), and mail waiting to be sent.
  const mail = startMailWorker(deps);
  // Once an hour: audit events older than a company keeps them go, records 30 days in the recycle bin, the rows of
  // imports that can no longer be undone, and uploaded files no record claimed within a day.
  const purge = () => {
    void purgeAudit(db, Date.now()).catch((e: unknown) => console.error('audit retention:', e));
    void emptyBins(db, Date.now()).catch((e: unknown) => console.error('recycle bin:', e));
    void forgetOldImports(db, Date.now()).catch((e: unknown) => console.error('imports:', e));
    void forgetPendingFiles(db, Date.now()).catch((e: unknown) => console.error('attachments:', e));
  };
  const purging = setInterval(purge, 3_600_000);
  purging.unref();
  purge();
  // Reminders of tasks that came due, every minute.
  const reminding = setInterval(() => void remindDueTasks(db, Date.now()).catch((e: unknown) => console.error('reminders:', e)), 60_000);
  reminding.unref();
  const server = serve({ fetch: app.fetch, port, hostname: host, serverOptions: timeoutOptions(limits) }, (info) => {
    console.log(`crm-studio is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}`);
    console.log(`  database: ${url}`);
    console.log(`  next: open it in a browser and sign up, or run "npm run seed:demo" for a demo tenant`);
  });

  guardConnections(server, limits);

  let stopping = false;
  // While stopping, a connection is closed as soon as its last response is sent: idle keep-alive
  // connections must not hold the exit back (close() only drops the ones idle at the signal).
  server.on('request', (_req, res) =>
    res.on('finish', () => stopping && setImmediate(() => 'closeIdleConnections' in server && server.closeIdleConnections())),
  );
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests, then closing the database`);
    // Stop accepting; close() waits for requests already running, then the database is closed.
    setTimeout(() => {
      console.error('shutdown took too long; exiting');
      process.exit(1);
    }, 8000).unref();
    server.close(() => {
      clearInterval(purging);
      clearInterval(reminding);
      void Promise.all([scheduler.stop(), serviceLevels.stop(), importer.stop(), mail.stop()]).finally(() => {
        db.close();
        process.exit(0);
      });
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
