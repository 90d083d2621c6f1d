import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { move, newDeal } from '../pipelines/deals.ts';
import { publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

let h: Harness;
let owner: Browser;

/** Stage labels come from configuration, so an owner (or an import) can make them hostile. */
const HOSTILE: Record<string, string> = {
  prospecting: '+x,y',
  qualification: '=HYPERLINK("http://evil.example","click")',
  proposal: '  @SUM(A1)',
  negotiation: '-2+3',
  closed_lost: '\tLost',
};

beforeAll(async () => {
  h = await startHarness();
  owner = (await signUp(h)).owner;
  await publishChange(owner, (bundle) => {
    for (const stage of bundle.pipelines.sales.stages) stage.label = HOSTILE[stage.key] ?? stage.label;
  });
  await newDeal(owner, { name: 'One', amount: 100, closeDate: '2030-01-05' });
  const two = await newDeal(owner, { name: 'Two', amount: 20.5 });
  expect((await move(owner, two, { stage: 'qualification' })).status).toBe(200);
});
afterAll(() => h.close());

describe('pipeline CSV export', () => {
  it('downloads the stage and month tables with hostile labels neutralised and numbers left as numbers', async () => {
    const res = await owner.get('/api/reports/pipeline.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sales-pipeline.csv"');
    expect(res.body).toBe(
      [
        'stage,label,kind,probability,count,amount,weighted',
        `prospecting,"'+x,y",open,10,1,100,10`,
        `qualification,"'=HYPERLINK(""http://evil.example"",""click"")",open,25,1,20.5,5.13`,
        "proposal,'  @SUM(A1),open,50,0,0,0",
        "negotiation,'-2+3,open,75,0,0,0",
        'closed_won,Closed won,won,100,0,0,0',
        "closed_lost,'\tLost,lost,0,0,0,0",
        '',
        'month,count,amount,weighted',
        '2030-01,1,100,10',
        ',1,20.5,5.13',
        '',
      ].join('\r\n'),
    );
  });

  it('starts with a UTF-8 byte-order mark, so spreadsheets read translated labels right', async () => {
    const res = await h.app.request('/api/reports/pipeline.csv', { headers: { cookie: owner.cookie, 'x-forwarded-for': owner.address } });
    expect([...new Uint8Array(await res.arrayBuffer()).slice(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 's'.charCodeAt(0)]);
  });

  it('carries the same figures as the JSON report', async () => {
    const json = (await owner.get('/api/reports/pipeline')).body;
    expect(json.stages.map((s: { label: string }) => s.label)).toEqual(['+x,y', HOSTILE.qualification, '  @SUM(A1)', '-2+3', 'Closed won', '\tLost']);
    expect(json.months).toEqual([
      { month: '2030-01', count: 1, amount: 100, weighted: 10 },
      { month: null, count: 1, amount: 20.5, weighted: 5.13 },
    ]);
  });
});
