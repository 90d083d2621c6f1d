import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The design system's colour tokens, checked for WCAG 2.x AA contrast (4.5:1 for text, 3:1 for focus rings).
const css = readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'runtime', 'web', 'kit', 'ui', 'base.css'), 'utf8');
const token = (name: string) => {
  const hex = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css)?.[1];
  if (!hex) throw new Error(`no colour token --${name}`);
  return hex;
};
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(token(a)), luminance(token(b))].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('colour contrast of the design system', () => {
  it.each([
    ['text', 'bg'],
    ['text', 'surface'],
    ['text', 'primary-soft'],
    ['muted', 'surface'],
    ['muted', 'bg'],
    ['primary', 'surface'],
    ['primary', 'primary-soft'],
    ['primary-text', 'primary'],
    ['danger', 'surface'],
    ['danger', 'danger-soft'],
    ['success', 'success-soft'],
    ['warning', 'warning-soft'],
  ])('%s on %s reads at 4.5:1 or more', (fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it.each([['bg'], ['surface'], ['primary-soft']])('the focus ring stands out from %s at 3:1 or more', (bg) => {
    expect(contrast('focus', bg)).toBeGreaterThanOrEqual(3);
  });
});
