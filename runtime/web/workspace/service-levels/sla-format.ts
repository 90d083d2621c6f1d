import type { SlaStatus } from '../../../browser-safe/service-levels.ts';

export { formatHoursMinutes as businessDuration } from '../../kit/i18n/format.ts';

/** How long ago a moment was, in words of the reader's language: "2 hours ago", "vor 5 Minuten". */
export function timeAgo(iso: string, now: number, locale: string): string {
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(minutes) < 60) return words.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  return Math.abs(hours) < 48 ? words.format(-hours, 'hour') : words.format(-Math.round(hours / 24), 'day');
}

/** The badge style of a status: on track and met calm, at risk a warning, breaching and missed alarming. */
export const STATUS_BADGE: Record<SlaStatus, string> = { on_track: 'ok', at_risk: 'unsaved', breaching: 'danger', met: 'ok', missed: 'danger' };
