import type { RecordIcon } from '../../../browser-safe/bundle.ts';

/** How each record type's picture is drawn: SVG path data on a 24 × 24 grid, stroked, never filled. */
export const RECORD_ICON_PATHS: Readonly<Record<RecordIcon, string>> = {
  briefcase: 'M4 7h16v12H4z M9 7V5h6v2 M4 12h16',
  building: 'M5 21V3h10v18 M15 9h4v12 M3 21h18 M8 7h4 M8 11h4 M8 15h4',
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21c0-4 4-6 8-6s8 2 8 6',
  flag: 'M5 21V4 M5 4h12l-2 4 2 4H5',
  lifebuoy:
    'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M5.6 5.6l3.6 3.6 M14.8 14.8l3.6 3.6 M18.4 5.6l-3.6 3.6 M9.2 14.8l-3.6 3.6',
  folder: 'M3 6h6l2 2h10v11H3z',
  box: 'M3 7l9-4 9 4v10l-9 4-9-4z M3 7l9 4 9-4 M12 11v10',
  wrench: 'M15 4a5 5 0 0 0-5 6.5L4 16.5a2.1 2.1 0 0 0 3 3l6-6A5 5 0 0 0 20 9l-3 1-2-2 1-3z',
  calendar: 'M4 5h16v16H4z M4 10h16 M8 3v4 M16 3v4',
  document: 'M6 3h9l4 4v14H6z M14 3v5h5 M9 13h7 M9 17h7',
  star: 'M12 3l2.8 5.8 6.2.9-4.5 4.4 1.1 6.2L12 17.4l-5.6 2.9 1.1-6.2L3 9.7l6.2-.9z',
  cart: 'M3 4h2l2.5 11h11L21 7H6.3 M9 20a1 1 0 1 0 0-2 1 1 0 0 0 0 2z M18 20a1 1 0 1 0 0-2 1 1 0 0 0 0 2z',
  truck: 'M3 6h11v10H3z M14 10h4l3 3v3h-7 M7 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4z M17 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  chart: 'M4 4v16h16 M8 16v-5 M12 16V8 M16 16v-3',
  tag: 'M3 12V3h9l9 9-9 9z M7.5 7.5h.01',
  heart: 'M12 20s-8-4.5-8-10a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 20 10c0 5.5-8 10-8 10z',
};
