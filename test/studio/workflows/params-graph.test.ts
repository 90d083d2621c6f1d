import { describe, expect, it } from 'vitest';
import { edgesOf, handles, nodesOf } from '../../../studio/workflows/canvas-graph.ts';
import { humanize, noParams, paramsView } from '../../../studio/workflows/params.ts';
import { transitionsOf } from '../../../studio/workflows/transitions.ts';
import { support } from './support.ts';

const choices = { roles: [{ key: 'manager', label: 'Manager' }], fields: [{ key: 'priority', label: 'Priority' }] };
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required });

describe('paramsView', () => {
  it.each([
    [
      'a role list becomes a multiselect of the draft roles',
      { roles: { type: 'array', items: { type: 'string' } } },
      'roles',
      { type: 'array', items: { type: 'string', enum: ['manager'] }, uniqueItems: true, 'x-field': 'multiselect' },
    ],
    [
      'a field becomes a select of the form fields',
      { field: { type: 'string', title: 'Field' } },
      'field',
      { type: 'string', title: 'Field', enum: ['priority'], 'x-field': 'select' },
    ],
    [
      'an enum becomes a select',
      { to: { type: 'string', enum: ['owner', 'creator'] } },
      'to',
      { type: 'string', enum: ['owner', 'creator'], 'x-field': 'select' },
    ],
    ['text stays text', { title: { type: 'string' } }, 'title', { type: 'string', 'x-field': 'text' }],
    ['a value of any type is typed as text', { value: { title: 'Value' } }, 'value', { title: 'Value', type: 'string', 'x-field': 'text' }],
    ['values of any type are typed as text', { values: { type: 'array', items: {} } }, 'values', { type: 'array', items: { type: 'string' } }],
  ])('%s', (_, properties, name, schema) => expect((paramsView(obj(properties), choices).schema.properties as Record<string, unknown>)[name]).toEqual(schema));

  it('names parameters and options, and merges oneOf branches', () => {
    const view = paramsView(
      { oneOf: [obj({ role: { type: 'string', title: 'Role' } }, ['role']), obj({ to: { type: 'string', enum: ['creator'] } }, ['to'])] },
      choices,
    );
    expect(Object.keys(view.schema.properties as object)).toEqual(['role', 'to']);
    expect(view.schema.required).toBeUndefined();
    expect(view.texts).toEqual({ 'role.label': 'Role', 'role.manager': 'Manager', 'to.label': 'To' });
  });

  it.each([
    [obj({}), true],
    [{ oneOf: [obj({}), obj({ to: { type: 'string' } })] }, false],
  ])('noParams %j → %s', (schema, none) => expect(noParams(schema)).toBe(none));

  it.each([
    ['dueIn', 'Due in'],
    ['field_name', 'Field name'],
    ['x', 'X'],
  ])('humanize %s → %s', (name, label) => expect(humanize(name)).toBe(label));
});

describe('the canvas graph', () => {
  const positions = { new: { x: 0, y: 0 }, working: { x: 200, y: 0 }, waiting: { x: 400, y: 0 }, escalated: { x: 200, y: 100 }, done: { x: 600, y: 0 } };
  const marks = {
    positions,
    sizes: {},
    stateProblems: new Map([['waiting', ['no way out']]]),
    transitionProblems: new Map([['working|on|WAIT|0', ['bad']]]),
    selected: 'new',
    active: 'working',
  };

  it('marks start, end, problems, the selection and the simulated state on nodes', () => {
    const nodes = nodesOf(support, marks);
    expect(nodes.map((n) => [n.id, n.data!.initial, n.data!.final, n.data!.problems.length, n.data!.active, n.data!.chosen])).toEqual([
      ['new', true, false, 0, false, true],
      ['working', false, false, 0, true, false],
      ['waiting', false, false, 1, false, false],
      ['escalated', false, false, 0, false, false],
      ['done', false, true, 0, false, false],
    ]);
  });

  it.each([
    ['forward', { x: 0, y: 0 }, { x: 200, y: 0 }, false, ['out', 'in']],
    ['backward', { x: 200, y: 0 }, { x: 0, y: 0 }, false, ['back-out', 'back-in']],
    ['down one column', { x: 0, y: 0 }, { x: 0, y: 100 }, false, ['back-out', 'top-in']],
    ['up one column', { x: 0, y: 100 }, { x: 0, y: 0 }, false, ['top-out', 'back-in']],
    ['to itself', { x: 0, y: 0 }, { x: 0, y: 0 }, true, ['back-out', 'back-in']],
  ])('routes an arrow %s', (_, from, to, self, expected) => expect(handles(from, to, self)).toEqual(expected));

  it('labels edges, routes back edges below and marks problems in words too', () => {
    const edges = edgesOf(transitionsOf(support), marks, (t) => t.key || 'auto');
    const wait = edges.find((e) => e.id === 'working|on|WAIT|0')!;
    expect(wait.label).toBe('⚠ WAIT');
    expect(wait.class).toMatchObject({ problem: true });
    const back = edges.find((e) => e.id === 'waiting|after|P3D|0')!;
    expect([back.sourceHandle, back.targetHandle, back.class]).toEqual([
      'back-out',
      'back-in',
      { problem: false, delayed: true, chosen: false, routed: false },
    ]);
    // Waiting's second arrow to Working (the delay comes after REPLIED): drawn further out than the first.
    expect(back.data).toEqual({ step: 42 });
  });

  it('draws an arrow the layout routed along its route, and the others as curves', () => {
    const route = {
      points: [
        { x: 180, y: 40 },
        { x: 230, y: 40 },
      ],
      label: { x: 205, y: 30 },
    };
    const edges = edgesOf(transitionsOf(support), { ...marks, routes: new Map([['new|on|START|0', route]]) }, (t) => t.key || 'auto');
    const start = edges.find((e) => e.id === 'new|on|START|0')!;
    expect([start.type, start.data, start.class]).toEqual(['arrow', route, { problem: false, delayed: false, chosen: false, routed: true }]);
    expect(edges.find((e) => e.id === 'working|on|RESOLVE|0')!.data).toEqual({ step: null });
  });
});
