import type { BoardColumn } from './board-store.ts';

/** A column's money: the exact sum of its amounts (null when the role hides them), and that sum weighted by the stage's probability. */
export function columnSums(column: BoardColumn): { sum: number; weighted: number } | null {
  if (column.amount === null) return null;
  return { sum: column.amount, weighted: (column.amount * column.stage.probability) / 100 };
}
