/** How a one-line field is typed in: the HTML input type and a currency or percent sign beside it. */
export interface InputKind {
  type: 'text' | 'email' | 'tel' | 'url' | 'number' | 'date' | 'datetime-local';
  affix?: 'currency' | 'percent';
  autocomplete?: string;
}

/** The wall-clock time of an instant in a timezone, as `YYYY-MM-DDTHH:mm`. */
function wallTime(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The instant at which a timezone's clock shows `text` (`YYYY-MM-DDTHH:mm`); NaN when it is no such time. */
function instantOf(text: string, timeZone: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) return NaN;
  const asUtc = Date.parse(`${text}:00Z`);
  // Shift by the zone's offset, then once more in case that crossed a daylight-saving change.
  let ms = asUtc;
  for (let i = 0; i < 2; i++) ms = asUtc - (Date.parse(`${wallTime(ms, timeZone)}:00Z`) - ms);
  return ms;
}

/** The stored value as the input shows it; date-times on the company's clock (`timeZone`), as lists show them. */
export function toInput(kind: InputKind, value: unknown, timeZone = 'UTC'): string {
  if (value === undefined || value === null) return '';
  if (kind.type === 'datetime-local') {
    const ms = Date.parse(String(value));
    return Number.isNaN(ms) ? '' : wallTime(ms, timeZone);
  }
  return String(value);
}

/** What the input holds, as stored: numbers as numbers (text that is not one is kept, so it is reported), date-times as UTC ISO. */
export function fromInput(kind: InputKind, text: string, timeZone = 'UTC'): unknown {
  if (text === '') return undefined;
  if (kind.type === 'number') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (kind.type === 'datetime-local') {
    const ms = instantOf(text, timeZone);
    return Number.isNaN(ms) ? text : new Date(ms).toISOString();
  }
  return text;
}
