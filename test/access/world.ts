import { expect } from 'vitest';
import { addMember, signUp, type Browser, type Harness } from '../support/harness.ts';

/** Two tenants of people in every built-in role, each having created records, plus the model of who may see what. */

export const ENTITIES = ['lead', 'opportunity', 'case', 'contact', 'account'] as const;
export type Entity = (typeof ENTITIES)[number];
type Scope = 'none' | 'own' | 'team' | 'all';
type Grant = { read: Scope; update: Scope; delete: Scope };
export type Action = keyof Grant;

const g = (read: Scope, update: Scope, del: Scope): Grant => ({ read, update, delete: del });
const work = (grant: Grant) => ({ lead: grant, opportunity: grant, case: grant });
const book = (grant: Grant) => ({ contact: grant, account: grant });

/** The default bundle's roles, as the contract states them: what each may read, update and delete. */
export const GRANTS: Record<string, Record<Entity, Grant>> = {
  owner: { ...work(g('all', 'all', 'all')), ...book(g('all', 'all', 'all')) },
  member: { ...work(g('own', 'own', 'own')), ...book(g('all', 'own', 'own')) },
  manager: { ...work(g('team', 'team', 'own')), ...book(g('all', 'team', 'own')) },
  service_rep: { lead: g('none', 'none', 'none'), opportunity: g('none', 'none', 'none'), case: g('own', 'own', 'none'), ...book(g('all', 'own', 'own')) },
};

/** The text field each entity's records carry their creator's tag word in. */
export const TAG_FIELD: Record<Entity, string> = { lead: 'company', opportunity: 'name', case: 'subject', contact: 'lastName', account: 'name' };
const dataFor = (entity: Entity, tag: string, i: number): Record<string, unknown> =>
  ({
    lead: { lastName: `Lead ${i}`, company: `${tag} Company ${i}` },
    opportunity: { name: `${tag} deal ${i}` },
    case: { subject: `${tag} issue ${i}` },
    contact: { lastName: `${tag}`, firstName: `Number ${i}` },
    account: { name: `${tag} Ltd ${i}` },
  })[entity];
/** A valid change to a field no test reads, per entity. */
export const EDIT: Record<Entity, Record<string, unknown>> = {
  lead: { title: 'Edited' },
  opportunity: { nextStep: 'Edited' },
  case: { description: 'Edited' },
  contact: { title: 'Edited' },
  account: { city: 'Edited' },
};

export interface Actor {
  key: string;
  role: string;
  tenant: string;
  id: string;
  team: string | null;
  tag: string;
  browser: Browser;
}
export interface Rec {
  id: string;
  entity: Entity;
  tenant: string;
  createdBy: string;
  ownerId: string;
  team: string | null;
  tag: string;
  version: number;
}

/** The people of the matrix: key, role, tag word (unique, never a prefix of another word), team. */
export const PEOPLE = [
  { key: 'owner', role: 'owner', tag: 'quokka', team: null },
  { key: 'memberA', role: 'member', tag: 'axolotl', team: null },
  { key: 'memberB', role: 'member', tag: 'bonobo', team: null },
  { key: 'manager', role: 'manager', tag: 'narwhal', team: 'north' },
  { key: 'teamMember', role: 'member', tag: 'caracal', team: 'north' },
  { key: 'serviceRep', role: 'service_rep', tag: 'serval', team: null },
  { key: 'otherOwner', role: 'owner', tag: 'xerus', team: null },
] as const;
export type ActorKey = (typeof PEOPLE)[number]['key'];

function inScope(actor: Actor, scope: Scope, rec: Rec): boolean {
  if (rec.tenant !== actor.tenant || scope === 'none') return false;
  if (scope === 'all') return true;
  const own = rec.ownerId === actor.id || rec.createdBy === actor.id;
  return own || (scope === 'team' && actor.team !== null && rec.team === actor.team);
}

/** What the contract says: may this actor do this to this record? */
export const may = (actor: Actor, action: Action, rec: Rec) => inScope(actor, GRANTS[actor.role]![rec.entity][action], rec);
export const readsNothing = (actor: Actor, entity: Entity) => GRANTS[actor.role]![entity].read === 'none';

export interface World {
  actors: Record<ActorKey, Actor>;
  records: Rec[];
}

/** Creates both tenants, their people, two records per person and entity, and records the owner assigns. */
export async function buildWorld(h: Harness): Promise<World> {
  const main = await signUp(h, 'Matrix Main');
  const other = await signUp(h, 'Matrix Other');
  const actors = {} as Record<ActorKey, Actor>;
  for (const p of PEOPLE) {
    if (p.key === 'owner' || p.key === 'otherOwner') {
      const t = p.key === 'owner' ? main : other;
      actors[p.key] = { ...p, tenant: t.tenant.id, id: t.user.id, browser: t.owner };
    } else {
      const m = await addMember(h, main.owner, main.tenant.slug, p.role, p.key, p.team ?? undefined);
      actors[p.key] = { ...p, tenant: main.tenant.id, id: m.id, browser: m.browser };
    }
  }
  const records: Rec[] = [];
  const create = async (actor: Actor, entity: Entity, i: number) => {
    const res = await actor.browser.post(`/api/records/${entity}`, { data: dataFor(entity, actor.tag, i) });
    expect(res.status, `${actor.key} creates ${entity}`).toBe(201);
    const rec: Rec = {
      id: res.body.id,
      entity,
      tenant: actor.tenant,
      createdBy: actor.id,
      ownerId: actor.id,
      team: actor.team,
      tag: actor.tag,
      version: res.body.version,
    };
    records.push(rec);
    return rec;
  };
  const assign = async (rec: Rec, to: Actor) => {
    const res = await actors.owner.browser.post(`/api/records/${rec.entity}/${rec.id}/assign`, { ownerId: to.id });
    expect(res.status).toBe(200);
    Object.assign(rec, { ownerId: to.id, team: to.team, version: res.body.version });
  };
  for (const actor of Object.values(actors)) {
    for (const entity of ENTITIES) {
      if (actor.role === 'service_rep' && (entity === 'lead' || entity === 'opportunity')) continue;
      for (let i = 1; i <= 2; i++) {
        h.clock.now += 1000;
        await create(actor, entity, i);
      }
    }
  }
  // Records others created, handed to A and to the manager's team member.
  for (const entity of ['lead', 'opportunity', 'case'] as const) {
    await assign(await create(actors.owner, entity, 3), actors.memberA);
    await assign(await create(actors.owner, entity, 4), actors.teamMember);
    await assign(await create(actors.memberB, entity, 3), actors.memberA);
  }
  return { actors, records };
}

export interface Page {
  items: { id: string; data: Record<string, unknown> }[];
  nextCursor: string | null;
  total?: number;
}

/** Every page of a list, following cursors; fails on a repeated record. */
export async function walk(browser: Browser, entity: string, query: Record<string, string> = {}) {
  const items: Page['items'] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await browser.get(`/api/records/${entity}?${new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) })}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const page = res.body as Page;
    items.push(...page.items);
    cursor = page.nextCursor;
    expect(++pages).toBeLessThan(100);
  } while (cursor);
  expect(new Set(items.map((r) => r.id)).size, 'no record twice').toBe(items.length);
  return items;
}

export const sortedIds = (items: { id: string }[]) => items.map((r) => r.id).sort();
