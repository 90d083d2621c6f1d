import { expect } from 'vitest';
import { move, newDeal } from '../pipelines/deals.ts';
import { addMember, publishChange, signUp, type Browser, type Harness } from '../support/harness.ts';
import type { Made } from './model.ts';

const MINUTE = 60_000;

/** One deal to make: who creates it, its data, and its moves, each `after` minutes after the previous step. */
interface Plan {
  who: string;
  data: { name: string; amount?: number; closeDate?: string };
  moves: { stage: string; after: number; closeReason?: string }[];
}

const lose = (after: number) => ({ stage: 'closed_lost', after, closeReason: 'No budget' });
const win = (after: number) => ({ stage: 'closed_won', after, closeReason: 'Signed' });

/** Ten deals by five people of two teams, spread over every stage, one of them lost and reopened. */
const PLANS: Plan[] = [
  {
    who: 'ana',
    data: { name: 'A1', amount: 1000, closeDate: '2030-06-15' },
    moves: [
      { stage: 'qualification', after: 60 },
      { stage: 'proposal', after: 120 },
      { stage: 'negotiation', after: 30 },
    ],
  },
  { who: 'ana', data: { name: 'A2', amount: 2500, closeDate: '2030-07-01' }, moves: [{ stage: 'proposal', after: 45 }, win(90)] },
  { who: 'ana', data: { name: 'A3' }, moves: [lose(10), { stage: 'qualification', after: 20 }] },
  { who: 'ben', data: { name: 'B1', amount: 400, closeDate: '2030-06-30' }, moves: [{ stage: 'qualification', after: 15 }] },
  { who: 'ben', data: { name: 'B2', amount: 800 }, moves: [{ stage: 'qualification', after: 5 }, lose(25)] },
  { who: 'ben', data: { name: 'B3', amount: 1234.5, closeDate: '2030-08-10' }, moves: [] },
  {
    who: 'mel',
    data: { name: 'M1', amount: 5000, closeDate: '2030-07-20' },
    moves: [{ stage: 'qualification', after: 30 }, { stage: 'proposal', after: 30 }, win(60)],
  },
  { who: 'alex', data: { name: 'X1', amount: 700, closeDate: '2030-06-01' }, moves: [{ stage: 'proposal', after: 50 }] },
  { who: 'alex', data: { name: 'X2', amount: 300, closeDate: '2030-09-09' }, moves: [lose(40)] },
  { who: 'owner', data: { name: 'O1', amount: 9999.99, closeDate: '2030-07-31' }, moves: [{ stage: 'negotiation', after: 10 }] },
];

/** Roles the reports need beyond the defaults: own scope with reports, and all scope with the amount hidden. */
function addRoles(bundle: any) {
  const member = bundle.roles.member;
  bundle.roles.analyst = { ...structuredClone(member), label: 'Analyst', tasks: ['reports.view'] };
  const blind = structuredClone(member);
  blind.entities.opportunity = { ...blind.entities.opportunity, read: 'all', fields: { amount: 'hidden' } };
  bundle.roles.blind = { ...blind, label: 'Blind reporter', tasks: ['reports.view'] };
  const unread = structuredClone(member);
  unread.entities.opportunity = { create: 'none', read: 'none', update: 'none', delete: 'none', assign: 'none' };
  bundle.roles.unread = { ...unread, label: 'Reports without deals', tasks: ['reports.view'] };
}

export interface People {
  owner: Browser;
  ana: Browser;
  ben: Browser;
  mel: Browser;
  alex: Browser;
  blind: Browser;
  unread: Browser;
  slug: string;
}

/** Signs up a tenant with its people: ana and mel (manager) in team east, ben and alex (analyst) in west. */
export async function seedPeople(h: Harness): Promise<People> {
  const { owner, tenant } = await signUp(h);
  await publishChange(owner, addRoles);
  const person = async (role: string, name: string, team?: string) => (await addMember(h, owner, tenant.slug, role, name, team)).browser;
  return {
    owner,
    slug: tenant.slug,
    ana: await person('member', 'Ana East', 'east'),
    ben: await person('member', 'Ben West', 'west'),
    mel: await person('manager', 'Mel Manager', 'east'),
    alex: await person('analyst', 'Alex Analyst', 'west'),
    blind: await person('blind', 'Bo Blind'),
    unread: await person('unread', 'Una Unread'),
  };
}

const TEAMS: Record<string, string | null> = { ana: 'east', ben: 'west', mel: 'east', alex: 'west', owner: null };

/** Makes every planned deal through the API, moving the test clock between steps; returns what was made. */
export async function seedDeals(h: Harness, people: People): Promise<Made[]> {
  const made: Made[] = [];
  for (const plan of PLANS) {
    const who = people[plan.who as keyof People] as Browser;
    let deal = await newDeal(who, plan.data);
    const history: Made['history'] = [{ stage: 'prospecting', enteredAt: h.clock.now, leftAt: null }];
    for (const step of plan.moves) {
      h.clock.now += step.after * MINUTE;
      const res = await move(who, deal, { stage: step.stage, ...(step.closeReason ? { closeReason: step.closeReason } : {}) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      deal = res.body;
      history.at(-1)!.leftAt = h.clock.now;
      history.push({ stage: step.stage, enteredAt: h.clock.now, leftAt: null });
    }
    made.push({ id: deal.id, creator: plan.who, team: TEAMS[plan.who]!, stage: history.at(-1)!.stage, ...plan.data, history });
    h.clock.now += 7 * MINUTE;
  }
  return made;
}
