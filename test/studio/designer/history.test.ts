import { describe, expect, it } from 'vitest';
import { record, redo, startHistory, undo } from '../../../studio/designer/history.ts';

describe('history', () => {
  it('undoes and redoes edits in order; a new edit drops what could be redone', () => {
    let h = record(record(startHistory('a'), 'b'), 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = record(h, 'x');
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(undo(h).present).toBe('b');
  });

  it('merges edits with the same tag into one step, so typing a label is undone at once', () => {
    let h = startHistory('');
    for (const v of ['B', 'Bu', 'Bud']) h = record(h, v, 'label:budget');
    h = record(h, 'Bud!', 'label:other');
    expect(undo(h).present).toBe('Bud');
    expect(undo(undo(h)).present).toBe('');
  });

  it('does not merge into a step that was undone and redone', () => {
    let h = record(startHistory('a'), 'b', 't');
    h = redo(undo(h));
    h = record(h, 'c', 't');
    expect(undo(h).present).toBe('b');
  });

  it('ignores an edit that changes nothing, and keeps at most 100 steps', () => {
    const h = startHistory(1);
    expect(record(h, 1)).toBe(h);
    let long = h;
    for (let i = 2; i < 300; i++) long = record(long, i);
    expect(long.past).toHaveLength(100);
  });
});
