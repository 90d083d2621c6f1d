import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, ensureTeam, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { sortedIds, walk } from './world.ts';

/**
 * Random companies of nested teams, managers, people holding one or two roles of every team scope, leads assigned around and shared
 * with people and teams (some shares ended): every read path answers exactly what a model written here says.
 */

type Scope = 'own' | 'team' | 'teamAndBelow';
const ROLES: Record<string, { read: Scope; update: Scope }> = {
  rep: { read: 'own', update: 'own' },
  lead: { read: 'team', update: 'own' },
  head: { read: 'teamAndBelow', update: 'team' },
  chief: { read: 'teamAndBelow', update: 'teamAndBelow' },
};
const SCOPES: Scope[] = ['teamAndBelow', 'team', 'own'];
const HOUR = 3_600_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const world = fc.record({
  parents: fc.tuple(fc.constant(-1), fc.integer({ min: -1, max: 0 }), fc.integer({ min: -1, max: 1 }), fc.integer({ min: -1, max: 2 })),
  people: fc.array(
    fc.record({
      roles: fc.subarray(Object.keys(ROLES), { minLength: 1, maxLength: 2 }),
      team: fc.integer({ min: -1, max: 3 }),
      manages: fc.subarray([0, 1, 2, 3], { maxLength: 2 }),
    }),
    { minLength: 4, maxLength: 6 },
  ),
  records: fc.array(fc.record({ creator: fc.nat(), owner: fc.nat() }), { minLength: 4, maxLength: 10 }),
  shares: fc.array(
    fc.record({
      record: fc.nat(),
      toPerson: fc.boolean(),
      to: fc.nat(),
      access: fc.constantFrom('read', 'update'),
      ends: fc.constantFrom('never', 'soon', 'later'),
    }),
    { maxLength: 6 },
  ),
});

interface Person {
  id: string;
  roles: string[];
  team: string | null;
  manages: string[];
  browser: Browser;
}
interface Rec {
  id: string;
  ownerId: string;
  createdBy: string;
  team: string | null;
}
interface Share {
  record: string;
  person: string | null;
  team: string | null;
  access: 'read' | 'update';
  ended: boolean;
}

let company = 0;

describe('teams and shares', () => {
  it('every read path and the update check agree with the model', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { owner, tenant } = await signUp(h, `Teams ${++company}`);
        await publishChange(owner, (b) => {
          for (const [key, { read, update }] of Object.entries(ROLES))
            b.roles[key] = { label: key, entities: { lead: { create: 'all', read, update, delete: 'none', assign: 'none' } }, tasks: [] };
        });
        const teams = w.parents.map((_, i) => `t${company}x${i}`);
        for (const [i, parent] of w.parents.entries()) await ensureTeam(owner, teams[i]!, parent < 0 ? null : teams[parent]!);
        const people: Person[] = [];
        for (const [i, p] of w.people.entries()) {
          const team = p.team < 0 ? null : teams[p.team]!;
          const m = await addMember(h, owner, tenant.slug, p.roles[0], `Person ${i}`, team ?? undefined);
          if (p.roles.length > 1) expect((await owner.patch(`/api/users/${m.id}`, { roles: p.roles })).status).toBe(200);
          const manages = p.manages.map((t) => teams[t]!);
          for (const t of manages) expect((await owner.put(`/api/teams/${t}/managers/${m.id}`)).status).toBe(204);
          people.push({ id: m.id, roles: p.roles, team, manages, browser: m.browser });
        }

        const records: Rec[] = [];
        for (const [i, r] of w.records.entries()) {
          const creator = people[r.creator % people.length]!;
          const made = await creator.browser.post('/api/records/lead', { data: { lastName: `Lead ${i}`, company: `Zephyr ${i}` } });
          expect(made.status).toBe(201);
          const to = people[r.owner % people.length]!;
          if (to !== creator) expect((await owner.post(`/api/records/lead/${made.body.id}/assign`, { ownerId: to.id })).status).toBe(200);
          records.push({ id: made.body.id, createdBy: creator.id, ownerId: to.id, team: to.team });
        }

        const shares: Share[] = [];
        for (const s of w.shares) {
          const record = records[s.record % records.length]!;
          const person = s.toPerson ? people[s.to % people.length]! : undefined;
          if (person?.id === record.ownerId) continue;
          const until = s.ends === 'never' ? null : new Date(h.clock.now + (s.ends === 'soon' ? HOUR : 10 * HOUR)).toISOString();
          const body = person ? { person: person.id, access: s.access, until } : { team: teams[s.to % teams.length], access: s.access, until };
          expect((await owner.post(`/api/records/lead/${record.id}/shares`, body)).status).toBe(201);
          // Sharing again with the same person or team replaces the share.
          const same = (x: Share) => x.record === record.id && (person ? x.person === person.id : x.team === body.team);
          shares.splice(0, shares.length, ...shares.filter((x) => !same(x)));
          shares.push({ record: record.id, person: person?.id ?? null, team: person ? null : body.team!, access: s.access, ended: s.ends === 'soon' });
        }
        h.clock.now += 2 * HOUR;

        // The model: what each person's role and teams reach, and what shares give them.
        const below = (key: string): string[] => [key, ...teams.filter((_, i) => w.parents[i]! >= 0 && teams[w.parents[i]!] === key).flatMap(below)];
        const may = (p: Person, action: 'read' | 'update', r: Rec) => {
          // Several roles grant the widest of their scopes.
          const scope = SCOPES.find((s) => p.roles.some((r) => ROLES[r]![action] === s))!;
          const mine = [p.team, ...p.manages].filter((t): t is string => t !== null);
          const reach = scope === 'own' ? [] : scope === 'team' ? mine : mine.flatMap(below);
          if (r.ownerId === p.id || r.createdBy === p.id || (r.team !== null && reach.includes(r.team))) return true;
          return shares.some(
            (s) =>
              s.record === r.id &&
              !s.ended &&
              (action === 'read' || s.access === 'update') &&
              (s.person === p.id || (s.team !== null && mine.includes(s.team))),
          );
        };

        for (const p of people) {
          const seen = records.filter((r) => may(p, 'read', r));
          const expected = sortedIds(seen);
          expect(sortedIds(await walk(p.browser, 'lead', { limit: '2' })), 'list').toEqual(expected);
          expect(sortedIds(await walk(p.browser, 'lead', { q: 'zephyr', limit: '3' })), 'search').toEqual(expected);
          expect((await p.browser.get('/api/records/lead?count=true')).body.total, 'count').toBe(seen.length);
          for (const r of records) {
            const got = await p.browser.get(`/api/records/lead/${r.id}`);
            expect(got.status, 'get').toBe(may(p, 'read', r) ? 200 : 404);
            if (got.status !== 200) continue;
            const changed = await p.browser.patch(`/api/records/lead/${r.id}`, { data: { title: 'Checked' } }, { 'if-match': got.headers.get('etag')! });
            expect(changed.status, 'update').toBe(may(p, 'update', r) ? 200 : 403);
          }
          // Follow-ups and notifications point only at records the person may read: their tasks list never names another.
          const tasks = (await p.browser.get('/api/tasks')).body.items as { record: { id: string } }[];
          for (const t of tasks) expect(expected).toContain(t.record.id);
        }
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});
