import { LOCALES } from '../browser-safe/bundle.ts';
import { bodySchema } from '../http/validate.ts';

export interface TenantSettings {
  defaultLocale: (typeof LOCALES)[number];
  currency: string;
  timezone: string;
  /** Days the audit trail keeps events; absent or null: everything, forever. */
  auditRetentionDays?: number | null;
}

export const DEFAULT_SETTINGS: TenantSettings = { defaultLocale: 'en', currency: 'EUR', timezone: 'UTC' };

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const TIMEZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export const tenantPatchBody = bodySchema<{ name?: string; settings?: Partial<TenantSettings> }>({
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    settings: {
      type: 'object',
      properties: {
        defaultLocale: { type: 'string', enum: [...LOCALES] },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        timezone: { type: 'string', maxLength: 64 },
        auditRetentionDays: { anyOf: [{ type: 'integer', minimum: 30, maximum: 3650 }, { type: 'null' }] },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
});

/** Field errors for settings values that have the right shape but name no real currency or timezone. */
export function settingsErrors(settings: Partial<TenantSettings>) {
  const errors = [];
  if (settings.currency !== undefined && !CURRENCIES.has(settings.currency))
    errors.push({ path: '/settings/currency', message: 'is not an ISO 4217 currency code' });
  if (settings.timezone !== undefined && !TIMEZONES.has(settings.timezone)) errors.push({ path: '/settings/timezone', message: 'is not an IANA time zone' });
  return errors;
}
