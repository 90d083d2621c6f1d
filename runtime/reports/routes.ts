import { Hono, type Context } from 'hono';
import { hasTask } from '../access/policy.ts';
import { scopeFor } from '../access/scope.ts';
import { authenticate } from '../auth/sessions.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { toCsv } from './csv.ts';
import { pipelineReport, reportRows, resolvePipeline } from './pipeline-report.ts';

/** Privilege `reports.view`, then the caller's read scope on the entity: a report counts exactly the records they may read. */
async function reportFor(deps: Deps, c: Context<AppEnv>) {
  const actor = c.get('actor');
  if (!hasTask(actor, 'reports.view')) throw new Problem(403, 'Your role may not view reports.');
  const { entity, def, key, pipeline } = resolvePipeline(actor, c.req.query('entity'), c.req.query('pipeline'));
  return pipelineReport(deps.db.client, scopeFor(actor, 'read', entity), def, key, pipeline);
}

/** Reports (`GET /pipeline`, `GET /pipeline.csv`), mounted at /api/reports. */
export function reportRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('*', authenticate(deps));

  app.get('/pipeline', async (c) => c.json(await reportFor(deps, c)));

  app.get('/pipeline.csv', async (c) => {
    const report = await reportFor(deps, c);
    const name = `${report.pipeline}-pipeline.csv`.replace(/[^A-Za-z0-9_.-]/g, '_');
    // The byte-order mark lets spreadsheets read the UTF-8 of translated labels correctly.
    return c.body(`\uFEFF${toCsv(reportRows(report))}`, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
    });
  });

  return app;
}
