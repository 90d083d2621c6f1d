import { describe, expect, it } from 'vitest';
import ElkModule from 'elkjs/lib/elk.bundled.js';
import { canvasChanges, layoutShape } from '../../../studio/workflows/canvas-graph.ts';
import type { Workflow } from '../../../studio/workflows/model.ts';
import { renameState } from '../../../studio/workflows/state-edits.ts';
import { HEADER, labelWidth, layoutWith, NODE_HEIGHT, NODE_WIDTH, quickLayout, type Layout, type LayoutShape } from '../../../studio/workflows/layout.ts';
import { problemMarks, problemPlace } from '../../../studio/workflows/problems.ts';
import { transitionsOf } from '../../../studio/workflows/transitions.ts';
import { support } from './support.ts';

describe('problemPlace', () => {
  it.each([
    ['/initial', { setting: { what: 'initial', raw: 'initial' } }],
    ['/states/orphan', { state: 'orphan', setting: { what: 'none', raw: '' } }],
    [
      '/states/new/on/START/0/target',
      { state: 'new', transition: { state: 'new', kind: 'on', key: 'START', index: 0 }, setting: { what: 'target', raw: 'target' } },
    ],
    [
      '/states/new/on/START/target',
      { state: 'new', transition: { state: 'new', kind: 'on', key: 'START', index: 0 }, setting: { what: 'target', raw: 'target' } },
    ],
    [
      '/states/w/after/P3D/0/actions/0/params/due',
      {
        state: 'w',
        transition: { state: 'w', kind: 'after', key: 'P3D', index: 0 },
        setting: { what: 'action', n: 1, param: 'due', raw: 'actions/0/params/due' },
      },
    ],
    [
      '/states/w/always/1/guard/guards/1/params/field',
      {
        state: 'w',
        transition: { state: 'w', kind: 'always', key: '', index: 1 },
        setting: { what: 'guard', n: 2, param: 'field', raw: 'guard/guards/1/params/field' },
      },
    ],
    ['/states/e/entry/0/params/role', { state: 'e', setting: { what: 'entry', n: 1, param: 'role', raw: 'entry/0/params/role' } }],
    ['/states/a~1b/on/X~0Y/2', { state: 'a/b', transition: { state: 'a/b', kind: 'on', key: 'X~Y', index: 2 }, setting: { what: 'none', raw: '' } }],
    ['/states/e/type', { state: 'e', setting: { what: 'other', raw: 'type' } }],
  ])('%s', (path, place) => expect(problemPlace(path)).toEqual(place));

  it('marks states and transitions', () => {
    const marks = problemMarks([
      { path: '/states/orphan', message: 'unreachable' },
      { path: '/states/new/on/START/0/target', message: 'unknown target' },
      { path: '/states/new/on/START/0/guard', message: 'unknown guard' },
      { path: '/initial', message: 'bad initial' },
    ]);
    expect([...marks.states]).toEqual([['orphan', ['unreachable']]]);
    expect([...marks.transitions]).toEqual([['new|on|START|0', ['unknown target', 'unknown guard']]]);
  });
});

/** A workflow of `n` states in a row, each but the last with three ways on (the next, the one after, one further away). */
function dense(n: number): LayoutShape {
  const arrows = [];
  for (let i = 0; i < n - 1; i++)
    for (const to of [i + 1, Math.min(i + 2, n - 1), (i * 37 + 11) % n]) arrows.push({ from: i, to, label: labelWidth(`Go from ${i} to ${to}`) });
  return { initial: 0, states: n, parents: Array.from({ length: n }, () => -1), arrows };
}
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
type Box = { x: number; y: number; w: number; h: number };

describe('layout', () => {
  const elk = new ElkModule.default();
  const place = (keys: string[], layout: Layout) => Object.fromEntries(keys.map((k, i) => [k, layout.positions[i]!]));

  it('puts the initial state first and reads left to right, even with transitions back to it', async () => {
    const keys = Object.keys(support.states);
    const { shape } = layoutShape(support, transitionsOf(support), (t) => t.key);
    shape.arrows.push(
      { from: keys.indexOf('done'), to: keys.indexOf('new'), label: 64 },
      { from: keys.indexOf('working'), to: keys.indexOf('new'), label: 64 },
    );
    const at = place(keys, await layoutWith(elk, shape));
    const x = (s: string) => at[s]!.x;
    expect(keys.every((s) => s === 'new' || x(s) > x('new'))).toBe(true);
    expect(x('working')).toBeLessThan(x('done'));
  });

  it('places states nothing leads to', async () => {
    const layout = await layoutWith(elk, { initial: 0, states: 3, parents: [-1, -1, -1], arrows: [{ from: 0, to: 1, label: 48 }] });
    expect(layout.positions).toHaveLength(3);
    expect(layout.positions[1]!.x).toBeGreaterThan(layout.positions[0]!.x);
  });

  it('routes every arrow from its state to the next and puts no label under a state or another label', async () => {
    const shape = dense(30);
    const layout = await layoutWith(elk, shape);
    const states = layout.positions.map((p) => ({ ...p, w: NODE_WIDTH, h: NODE_HEIGHT }));
    const labels = layout.routes.map((r, i) => ({ x: r.label.x - shape.arrows[i]!.label / 2, y: r.label.y - 10, w: shape.arrows[i]!.label, h: 20 }));
    for (const label of labels) for (const state of states) expect(overlap(label, state)).toBe(false);
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(overlap(labels[i]!, labels[j]!)).toBe(false);
    layout.routes.forEach((r, i) => {
      const { from, to } = shape.arrows[i]!;
      const near = (p: { x: number; y: number }, s: Box) => p.x >= s.x - 1 && p.x <= s.x + s.w + 1 && p.y >= s.y - 1 && p.y <= s.y + s.h + 1;
      expect(near(r.points[0]!, states[from]!)).toBe(true);
      expect(near(r.points.at(-1)!, states[to]!)).toBe(true);
    });
  });

  it('arranges by columns at once while the layout is on its way', () => {
    const at = quickLayout({
      initial: 1,
      states: 4,
      parents: [-1, -1, -1, -1],
      arrows: [
        { from: 1, to: 0, label: 48 },
        { from: 1, to: 2, label: 48 },
      ],
    });
    expect(at.positions[1]!.x).toBeLessThan(at.positions[0]!.x);
    expect(at.positions[0]!.x).toBe(at.positions[2]!.x);
    expect(at.positions[0]!.y).not.toBe(at.positions[2]!.y);
    expect(at.positions[3]!.x).toBeGreaterThan(at.positions[0]!.x);
  });

  it('draws states inside another within it, below its name, and routes arrows across in the whole canvas', async () => {
    // 0 → 1, where 1 holds 2 → 3; 3 → 4 leaves it.
    const shape: LayoutShape = {
      initial: 0,
      states: 5,
      parents: [-1, -1, 1, 1, -1],
      arrows: [
        { from: 0, to: 1, label: 48 },
        { from: 2, to: 3, label: 48 },
        { from: 3, to: 4, label: 48 },
      ],
    };
    for (const layout of [await layoutWith(elk, shape), quickLayout(shape)]) {
      const box = layout.sizes[1]!;
      expect(layout.sizes.filter(Boolean)).toHaveLength(1);
      for (const inner of [2, 3]) {
        const p = layout.positions[inner]!;
        expect(p.y).toBeGreaterThanOrEqual(HEADER);
        expect(p.x + NODE_WIDTH).toBeLessThanOrEqual(box.width);
        expect(p.y + NODE_HEIGHT).toBeLessThanOrEqual(box.height);
      }
      expect(layout.positions[2]!.x).toBeLessThan(layout.positions[3]!.x);
      expect(layout.positions[1]!.x).toBeGreaterThan(layout.positions[0]!.x);
    }
    const routed = await layoutWith(elk, shape);
    // The arrow from 3 (inside 1) to 4 starts at 3's right edge, counted from the canvas's corner.
    const start = routed.routes[2]!.points[0]!;
    expect(start.x).toBe(routed.positions[1]!.x + routed.positions[3]!.x + NODE_WIDTH);
  });
});

describe('layoutShape', () => {
  const text = (wf: Workflow) => JSON.stringify(layoutShape(wf, transitionsOf(wf), (t) => t.key).shape);

  it('stays the same when a state is renamed (states count by place), and changes with a new arrow', () => {
    const renamed = renameState(support, 'working', 'In progress', new Set());
    expect(renamed.key).toBe('in_progress');
    expect(text(renamed.workflow)).toBe(text(support));
    const more = structuredClone(support);
    more.states['waiting']!.on = { ...more.states['waiting']!.on, GIVE_UP: 'done' };
    expect(text(more)).not.toBe(text(support));
  });
});

describe('canvasChanges', () => {
  it('tells what was added, removed and changed, and leaves the rest alone', () => {
    const drawn = new Map<string, string>();
    expect(
      canvasChanges(drawn, [
        { id: 'a', x: 1 },
        { id: 'b', x: 1 },
      ]),
    ).toEqual({
      added: [
        { id: 'a', x: 1 },
        { id: 'b', x: 1 },
      ],
      removed: [],
      changed: [],
    });
    expect(
      canvasChanges(drawn, [
        { id: 'a', x: 1 },
        { id: 'b', x: 2 },
        { id: 'c', x: 0 },
      ]),
    ).toEqual({
      added: [{ id: 'c', x: 0 }],
      removed: [],
      changed: [{ id: 'b', x: 2 }],
    });
    expect(canvasChanges(drawn, [{ id: 'b', x: 2 }])).toEqual({ added: [], removed: ['a', 'c'], changed: [] });
    expect([...drawn.keys()]).toEqual(['b']);
  });
});
