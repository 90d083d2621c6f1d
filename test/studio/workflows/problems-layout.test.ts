import { describe, expect, it } from 'vitest';
import { layoutStates } from '../../../studio/workflows/layout.ts';
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

describe('layoutStates', () => {
  it('puts the initial state first and reads left to right, even with transitions back to it', () => {
    const edges = transitionsOf(support).map((t) => ({ source: t.state, target: t.target! }));
    const back = [...edges, { source: 'done', target: 'new' }, { source: 'working', target: 'new' }];
    const at = layoutStates(Object.keys(support.states), 'new', back);
    const x = (s: string) => at[s]!.x;
    expect(Object.keys(at).every((s) => s === 'new' || x(s) > x('new'))).toBe(true);
    expect(x('working')).toBeLessThan(x('waiting'));
    expect(x('working')).toBeLessThan(x('done'));
  });

  it('places states nothing leads to', () => {
    const at = layoutStates(['a', 'b', 'lonely'], 'a', [{ source: 'a', target: 'b' }]);
    expect(Object.keys(at)).toEqual(['a', 'b', 'lonely']);
    expect(at.b!.x).toBeGreaterThan(at.a!.x);
  });
});
