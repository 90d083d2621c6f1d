import { Hono, type Context } from 'hono';
import { scopeFor } from '../access/scope.ts';
import { integer, json, listOf, number, object, orNull, problem, string } from '../http/api-schemas.ts';
import { anyTask, contract, type JsonSchema } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { toCsv } from './csv.ts';
import { pipelineReport, reportRows, resolvePipeline } from './pipeline-report.ts';

const REPORTS = anyTask(['reports.view'], 'Your role may not view reports.');
const REPORT_QUERY = {
  entity: { schema: string, description: 'A kind of record with a pipeline (default `opportunity`).' },
  pipeline: { schema: string, description: 'One of its pipelines (default: its own).' },
};
const sums = { count: integer, amount: orNull(number), weighted: orNull(number) };
const REPORT: JsonSchema = object({
  entity: string,
  pipeline: string,
  label: string,
  amountField: orNull(string),
  closeDateField: orNull(string),
  stages: listOf(object({ stage: string, label: string, kind: { enum: ['open', 'won', 'lost'] }, probability: number, ...sums })),
  months: listOf(object({ month: orNull(string), ...sums })),
  totals: object({ ...sums, open: object(sums) }),
  winRate: object({ won: integer, lost: integer, rate: orNull(number) }),
  timeInStage: listOf(object({ stage: string, label: string, averageMs: orNull(number), basedOn: integer })),
  conversion: listOf(object({ stage: string, label: string, entered: integer, advanced: integer, rate: orNull(number) })),
});

/** The caller's read scope on the entity: a report counts exactly the records they may read. */
async function reportFor(deps: Deps, c: Context<AppEnv>) {
  const actor = c.get('actor');
  const { entity, key } = resolvePipeline(actor, c.req.query('entity'), c.req.query('pipeline'));
  return pipelineReport(deps.db, scopeFor(actor, 'read', entity), actor.bundle, key);
}

/** Reports (`GET /pipeline`, `GET /pipeline.csv`), mounted at /api/reports. */
export function reportRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/pipeline',
    route({
      summary: 'The pipeline report',
      description: 'Over exactly the records you may read: per stage and close month, totals, win rate, time in stage, conversion.',
      access: REPORTS,
      query: REPORT_QUERY,
      responses: {
        200: json('The report; sums are null where the amount field is hidden from you.', REPORT),
        400: problem('Not an entity with a pipeline, or not one of its pipelines.'),
      },
    }),
    async (c) => c.json(await reportFor(deps, c)),
  );

  app.get(
    '/pipeline.csv',
    route({
      summary: 'The pipeline report’s stage and month tables as CSV',
      description: 'UTF-8 with a byte-order mark; cells a spreadsheet would read as formulas start with an apostrophe.',
      access: REPORTS,
      query: REPORT_QUERY,
      responses: {
        200: { description: 'A download.', schema: string, contentType: 'text/csv' },
        400: problem('Not an entity with a pipeline, or not one of its pipelines.'),
      },
    }),
    async (c) => {
      const report = await reportFor(deps, c);
      const name = `${report.pipeline}-pipeline.csv`.replace(/[^A-Za-z0-9_.-]/g, '_');
      // The byte-order mark lets spreadsheets read the UTF-8 of translated labels correctly.
      return c.body(`\uFEFF${toCsv(reportRows(report))}`, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
      });
    },
  );

  return app;
}
