import type { BoardColumn } from './board-store.ts';

/** A column's money: the sum of the loaded cards' amounts, that sum weighted by the stage's probability, and whether it covers every card. */
export interface ColumnSums {
  sum: number;
  weighted: number;
  loaded: number;
  partial: boolean;
}

/** Sums of a column from the cards it has loaded (cards without an amount count as nothing). */
export function columnSums(column: BoardColumn, amountField: string | undefined): ColumnSums {
  const sum = amountField ? column.items.reduce((s, r) => s + (typeof r.data[amountField] === 'number' ? (r.data[amountField] as number) : 0), 0) : 0;
  return { sum, weighted: (sum * column.stage.probability) / 100, loaded: column.items.length, partial: column.total > column.items.length };
}
