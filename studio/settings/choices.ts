/** An option of a settings select: the stored value and what people read. */
export interface Choice {
  value: string;
  label: string;
}

/** Every ISO 4217 currency the browser knows, named in `locale` ("Euro (EUR)"), sorted by name; `current` is kept even if unknown here. */
export function currencyChoices(locale: string, current?: string): Choice[] {
  const names = new Intl.DisplayNames([locale], { type: 'currency' });
  const codes = new Set(Intl.supportedValuesOf('currency'));
  if (current) codes.add(current);
  return [...codes].map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` })).sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** Every IANA timezone the browser knows plus UTC, each with its offset now ("Europe/Berlin (GMT+1)"). */
export function timezoneChoices(locale: string, current?: string, now = new Date()): Choice[] {
  const zones = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
  if (current) zones.add(current);
  return [...zones].map((zone) => {
    const offset = offsetOf(zone, locale, now);
    return { value: zone, label: offset ? `${zone.replaceAll('_', ' ')} (${offset})` : zone.replaceAll('_', ' ') };
  });
}

function offsetOf(timeZone: string, locale: string, now: Date): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'shortOffset' }).formatToParts(now);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    // A zone the server knows but this browser does not: show it without an offset.
    return '';
  }
}
