import { describe, expect, it } from 'vitest';
import type { WorkflowDef } from '../../runtime/browser-safe/bundle.ts';
import { defaultBundle } from '../../runtime/config/store.ts';
import { workflowSchemaErrors } from '../../runtime/config/validate.ts';
import { evaluateGuard } from '../../runtime/workflows/guards.ts';
import { verifyWorkflow } from '../../runtime/workflows/verify.ts';

const bundle = defaultBundle();
const base = (): WorkflowDef => structuredClone(bundle.workflows.case!);
const verify = (def: WorkflowDef, entity: string | undefined = 'case') => verifyWorkflow(def, { bundle, entity });
type Edit = (d: any) => void;

describe('verifying a workflow before it can be published', () => {
  it('the shipped workflows verify clean against their entities, and fit the schema', () => {
    for (const [key, def] of Object.entries(bundle.workflows)) {
      expect(workflowSchemaErrors(def)).toEqual([]);
      expect(verify(def, key)).toEqual([]);
    }
  });

  const CASES: [string, Edit, { path: string; message: RegExp }[]][] = [
    [
      'every unknown target, not just the first',
      (d) => {
        d.states.new.on.START = 'nowhere';
        d.states.resolved.on.REOPEN = { target: 'gone' };
        d.states.closed.on.REOPEN = ['in_progress', { target: 'limbo' }];
      },
      [
        { path: '/states/new/on/START', message: /“nowhere” is not a state/ },
        { path: '/states/resolved/on/REOPEN/target', message: /“gone”/ },
        { path: '/states/closed/on/REOPEN/1/target', message: /“limbo”/ },
      ],
    ],
    ['a bad initial', (d) => (d.initial = 'start'), [{ path: '/initial', message: /names no top-level state/ }]],
    ['an unreachable state', (d) => (d.states.island = { on: { BACK: 'new' } }), [{ path: '/states/island', message: /cannot be reached/ }]],
    [
      'a non-final state with no way out',
      (d) => {
        d.states.stuck = {};
        d.states.resolved.on.STICK = 'stuck';
      },
      [{ path: '/states/stuck', message: /has no way out/ }],
    ],
    [
      'an unknown guard, an unknown action',
      (d) => {
        d.states.new.on.START = { target: 'in_progress', guard: { type: 'isFriday' }, actions: [{ type: 'sendFax' }] };
      },
      [
        { path: '/states/new/on/START/guard/type', message: /not a guard the runtime knows/ },
        { path: '/states/new/on/START/actions/0/type', message: /not an action the runtime knows/ },
      ],
    ],
    [
      'params that fail their schema',
      (d) => {
        d.states.new.entry = [
          { type: 'createFollowUp', params: { title: 'Call', due: 'tomorrow' } },
          { type: 'assign', params: {} },
        ];
        d.states.new.on.START = { target: 'in_progress', guard: { type: 'fieldIn', params: { field: 'priority', values: [] } } };
      },
      [
        { path: '/states/new/on/START/guard/params', message: /do not fit fieldIn/ },
        { path: '/states/new/entry/0/params', message: /do not fit createFollowUp/ },
        { path: '/states/new/entry/1/params', message: /do not fit assign/ },
      ],
    ],
    [
      'fields the form does not have, and values a field cannot hold',
      (d) => {
        d.states.new.on.START = {
          target: 'in_progress',
          guard: {
            type: 'and',
            guards: [
              { type: 'fieldsPresent', params: { fields: ['subject', 'budget'] } },
              { type: 'not', guard: { type: 'fieldEquals', params: { field: 'priority', value: 'meh' } } },
            ],
          },
        };
        d.states.resolved.entry = [{ type: 'setField', params: { field: 'mood', value: 'happy' } }];
      },
      [
        { path: '/states/new/on/START/guard/guards/0/params/fields/1', message: /“budget” is not a field of the case form/ },
        { path: '/states/new/on/START/guard/guards/1/guard/params/value', message: /not a value the field “priority” can hold/ },
        { path: '/states/resolved/entry/0/params/field', message: /“mood” is not a field/ },
      ],
    ],
    [
      'roles that do not exist',
      (d) => (d.states.escalated.entry = [{ type: 'notify', params: { role: 'overlord', message: 'Hi' } }]),
      [{ path: '/states/escalated/entry/0/params/role', message: /“overlord” is not a role/ }],
    ],
    [
      'an event no role can ever fire',
      (d) => {
        d.states.resolved.on.CLOSE = {
          target: 'closed',
          guard: {
            type: 'and',
            guards: [
              { type: 'hasRole', params: { roles: ['manager'] } },
              { type: 'hasRole', params: { roles: ['sales_rep'] } },
            ],
          },
        };
      },
      [{ path: '/states/resolved/on/CLOSE', message: /no role can ever fire CLOSE/ }],
    ],
    [
      'a loop of automatic transitions (XState would never return)',
      (d) => {
        d.states.resolved.always = { target: 'closed', guard: { type: 'fieldIn', params: { field: 'priority', values: ['low'] } } };
        d.states.closed.always = 'resolved';
      },
      [
        { path: '/states/resolved/always', message: /loop that would never stop/ },
        { path: '/states/closed/always', message: /loop that would never stop/ },
      ],
    ],
    [
      'conversion on a workflow that does not drive leads',
      (d) => (d.states.resolved.entry = [{ type: 'convertLead' }]),
      [{ path: '/states/resolved/entry/0/type', message: /converts leads only/ }],
    ],
  ];

  it.each(CASES)('reports %s, each at its JSON path', (_what, edit, expected) => {
    const def = base();
    edit(def);
    const problems = verify(def);
    expect(problems.map((p) => p.path).sort()).toEqual(expected.map((e) => e.path).sort());
    for (const e of expected) expect(problems.find((p) => p.path === e.path)!.message).toMatch(e.message);
  });

  it('refuses a state every transition of which leads back to itself, naming it and the way there', () => {
    const def = base() as any;
    def.states.limbo = { meta: { label: 'Limbo' }, on: { PING: 'limbo', PONG: { target: 'limbo' } } };
    def.states.resolved.on.PARK = 'limbo';
    expect(verify(def)).toEqual([
      {
        path: '/states/limbo',
        message: 'records that reach it can never leave: every transition from it leads back to it (reached by “New” → “In progress” → “Resolved” → “Limbo”)',
      },
    ]);
  });

  const lead = () => structuredClone(bundle.workflows.lead!) as any;
  const nurturing = (d: any) => {
    d.states.nurture = { meta: { label: 'Nurture' }, on: { SNOOZE: 'snoozed' } };
    d.states.snoozed = { meta: { label: 'Snoozed' }, on: { NURTURE: 'nurture' } };
    d.states.contacted.on.NURTURE = 'nurture';
  };

  it('refuses a closed set of states with no way to a final state, naming its states and the way there', () => {
    const def = lead();
    nurturing(def);
    expect(verify(def, 'lead')).toEqual([
      {
        path: '/states/nurture',
        message:
          'records that reach it can never leave: “Nurture” and “Snoozed” lead only to each other and never to a final state (reached by “New” → “Contacted” → “Nurture”)',
      },
    ]);
  });

  it('a way out that only owners can take is still a way out; one nobody can take is not', () => {
    const def = lead();
    nurturing(def);
    def.states.snoozed.on.GIVE_UP = { target: 'disqualified', guard: { type: 'hasRole', params: { roles: ['owner'] } } };
    expect(verify(def, 'lead')).toEqual([]);
    // A timer is a way out for everyone.
    delete def.states.snoozed.on.GIVE_UP;
    def.states.snoozed.after = { P30D: 'disqualified' };
    expect(verify(def, 'lead')).toEqual([]);
    // A role that may not update leads cannot fire anything: its only way out is none.
    delete def.states.snoozed.after;
    def.states.snoozed.on.GIVE_UP = { target: 'disqualified', guard: { type: 'hasRole', params: { roles: ['service_rep'] } } };
    const leadsUntouchable = structuredClone(bundle);
    leadsUntouchable.roles.service_rep!.entities.lead = { create: 'none', read: 'none', update: 'none', delete: 'none', assign: 'none' };
    expect(verifyWorkflow(def, { bundle: leadsUntouchable, entity: 'lead' }).map((p) => p.path)).toEqual(['/states/nurture', '/states/snoozed/on/GIVE_UP']);
  });

  it('an event only some roles pass is fine; hasRole for a role without update privilege counts as nobody', () => {
    const def = base();
    (def.states.resolved as any).on.CLOSE = { target: 'closed', guard: { type: 'hasRole', params: { roles: ['manager'] } } };
    expect(verify(def)).toEqual([]);
    (def.states.resolved as any).on.CLOSE.guard.params.roles = ['sales_rep'];
    // Sales representatives may update their own cases in the shipped roles, so that is still fine…
    expect(verify(def)).toEqual([]);
    const noUpdate = structuredClone(bundle);
    noUpdate.roles.sales_rep!.entities.case!.update = 'none';
    // …but not once their role may not update cases at all.
    expect(verifyWorkflow(def, { bundle: noUpdate, entity: 'case' }).map((p) => p.path)).toEqual(['/states/resolved/on/CLOSE']);
  });

  it('a guard may not read a field hidden from a role that may fire the event (the buttons would reveal it)', () => {
    const hiding = structuredClone(bundle);
    hiding.roles.service_rep!.entities.case!.fields = { priority: 'hidden' };
    const problems = verifyWorkflow(base(), { bundle: hiding, entity: 'case' });
    expect(problems).toEqual([
      {
        path: '/states/new/always/0/guard/params/field',
        message: '“priority” is hidden from service_rep, whose edits may set off this automatic transition: the change of state would reveal its value',
      },
      {
        path: '/states/in_progress/on/ESCALATE/guard/params/field',
        message: '“priority” is hidden from service_rep, who may fire this event: the buttons they are offered would reveal its value',
      },
    ]);
    // An event only other roles pass reveals nothing to the hiding role.
    const managersOnly = base() as any;
    delete managersOnly.states.new.always;
    managersOnly.states.in_progress.on.ESCALATE.guard = {
      type: 'and',
      guards: [{ type: 'hasRole', params: { roles: ['manager'] } }, managersOnly.states.in_progress.on.ESCALATE.guard],
    };
    expect(verifyWorkflow(managersOnly, { bundle: hiding, entity: 'case' })).toEqual([]);
  });

  it('compound states: children reached through the initial child, targets by child path and by id', () => {
    const def: WorkflowDef = {
      id: 'flow',
      initial: 'open',
      states: {
        open: { initial: 'fresh', states: { fresh: { on: { TOUCH: 'touched' } }, touched: { on: { DONE: '#flow.done' } }, lost: {} }, on: { RESET: '.fresh' } },
        done: { type: 'final' },
      },
    };
    expect(workflowSchemaErrors(def)).toEqual([]);
    expect(verify(def, undefined)).toEqual([{ path: '/states/open/states/lost', message: 'cannot be reached from the initial state' }]);
  });

  it('states nest 8 levels deep at most: deeper is refused at the first state too deep', () => {
    /** A state holding `n` levels of states inside one another, each with a way out. */
    const nest = (n: number): Record<string, unknown> =>
      n === 0 ? { leaf: { on: { OUT: '#flow.done' } } } : { [`l${n}`]: { initial: Object.keys(nest(n - 1))[0], states: nest(n - 1) } };
    const flow = (levels: number): WorkflowDef => ({
      id: 'flow',
      initial: 'top',
      states: { top: { initial: 'l7', states: nest(levels) }, done: { type: 'final' } },
    });
    // top › l7 › … › l1 › leaf: 9 levels.
    const deep = flow(7);
    expect(workflowSchemaErrors(deep)).toEqual([]);
    expect(verify(deep, undefined)).toEqual([
      {
        path: `/states/top${'/states/l7/states/l6/states/l5/states/l4/states/l3/states/l2/states/l1/states/leaf'}`,
        message: expect.stringMatching(/nested too deep.*8 levels/),
      },
    ]);
    const fits = flow(6);
    (fits.states.top as { initial: string }).initial = 'l6';
    expect(verify(fits, undefined)).toEqual([]);
  });

  it('schema problems come with paths too (the runtime checks the schema before verifying)', () => {
    const def = base() as any;
    def.states.new.on.START = { target: 'in_progress', run: 'code()' };
    expect(workflowSchemaErrors(def).length).toBeGreaterThan(0);
    expect(workflowSchemaErrors(def).some((e) => e.path.startsWith('/states/new/on/START'))).toBe(true);
  });

  it('translations: in the four languages only, under keys that say what they name', () => {
    const def = base() as any;
    def.i18n = { de: { 'state.in_progress': 'In Bearbeitung', 'event.START': 'Beginnen', 'text.A case was escalated': 'Eskaliert', description: 'Fälle' } };
    expect(workflowSchemaErrors(def)).toEqual([]);
    def.i18n.it = { 'state.new': 'Nuovo' };
    def.i18n.de['label'] = 'Fall';
    def.i18n.de['state.new'] = '';
    expect(workflowSchemaErrors(def)).toEqual([
      { path: '/i18n', message: 'has a key that is not allowed here: “it”' },
      { path: '/i18n/de', message: 'has a key that is not allowed here: “label”' },
      { path: '/i18n/de/state.new', message: 'must NOT have fewer than 1 characters' },
    ]);
  });
});

describe('guards as the runtime evaluates them', () => {
  const person = { userId: 'u1', roles: ['manager'] };
  const input = { data: { priority: 'high', tags: ['a'], empty: '' }, ownerId: 'u1', createdBy: 'u2', actor: person };
  it.each([
    [{ type: 'hasRole', params: { roles: ['manager'] } }, true],
    [{ type: 'hasRole', params: { roles: ['owner'] } }, false],
    [{ type: 'isOwner' }, true],
    [{ type: 'fieldEquals', params: { field: 'priority', value: 'high' } }, true],
    [{ type: 'fieldEquals', params: { field: 'tags', value: ['a'] } }, true],
    [{ type: 'fieldIn', params: { field: 'priority', values: ['low', 'normal'] } }, false],
    [{ type: 'fieldsPresent', params: { fields: ['priority', 'tags'] } }, true],
    [{ type: 'fieldsPresent', params: { fields: ['empty'] } }, false],
    [{ type: 'fieldsPresent', params: { fields: ['missing'] } }, false],
    [{ type: 'and', guards: [{ type: 'isOwner' }, { type: 'hasRole', params: { roles: ['x'] } }] }, false],
    [{ type: 'or', guards: [{ type: 'isOwner' }, { type: 'hasRole', params: { roles: ['x'] } }] }, true],
    [{ type: 'not', guard: { type: 'isOwner' } }, false],
    [{ type: 'unknownThing' }, false],
  ])('%j → %s', (guard, passed) => {
    expect(evaluateGuard(guard, input).passed).toBe(passed);
  });

  it('timers have no person: hasRole and isOwner fail', () => {
    const nobody = { ...input, actor: { userId: null, roles: [] } };
    expect(evaluateGuard({ type: 'hasRole', params: { roles: ['manager'] } }, nobody).passed).toBe(false);
    expect(evaluateGuard({ type: 'isOwner' }, nobody).passed).toBe(false);
  });
});
