/** How a one-line field is typed in: the HTML input type and a currency or percent sign beside it. */
export interface InputKind {
  type: 'text' | 'email' | 'tel' | 'url' | 'number' | 'date' | 'datetime-local';
  affix?: 'currency' | 'percent';
  autocomplete?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The stored value as the input shows it; date-times are shown in the browser's timezone. */
export function toInput(kind: InputKind, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (kind.type === 'datetime-local') {
    const d = new Date(String(value));
    if (Number.isNaN(d.getTime())) return '';
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }
  return String(value);
}

/** What the input holds, as stored: numbers as numbers (text that is not one is kept, so it is reported), date-times as UTC ISO. */
export function fromInput(kind: InputKind, text: string): unknown {
  if (text === '') return undefined;
  if (kind.type === 'number') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (kind.type === 'datetime-local') {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? text : d.toISOString();
  }
  return text;
}
