import { FILE_KINDS, MAX_MEGABYTES, type AttachmentLimits } from '../browser-safe/attachment-limits.ts';
import { LOCALES } from '../browser-safe/bundle.ts';
import { businessHoursErrors, MAX_HOLIDAYS, WEEKDAYS, type BusinessHours } from '../browser-safe/business-hours.ts';
import { bodySchema } from '../http/validate.ts';
import type { SecurityPolicy } from '../browser-safe/security-policy.ts';
import { SECURITY_SCHEMA } from './security.ts';

export interface TenantSettings {
  defaultLocale: (typeof LOCALES)[number];
  currency: string;
  timezone: string;
  /** Days the audit trail keeps events; absent or null: everything, forever. */
  auditRetentionDays?: number | null;
  /** Limits on attached files; absent: the defaults. */
  attachments?: AttachmentLimits;
  /** Working days, hours and holidays service level clocks count; absent: Monday to Friday, 09:00–17:00. */
  businessHours?: BusinessHours;
}
/** What the settings may hold: the company's own and its sign-in rules; the limits on files may be changed in part. */
export type TenantSettingsPatch = Partial<Omit<TenantSettings, 'attachments'> & SecurityPolicy> & { attachments?: Partial<AttachmentLimits> };

export const DEFAULT_SETTINGS: TenantSettings = { defaultLocale: 'en', currency: 'EUR', timezone: 'UTC' };

// The shape only: times and dates are checked by businessHoursErrors, which names what is wrong in words.
const time = { type: 'string', maxLength: 5 };
const BUSINESS_HOURS_SCHEMA = {
  type: 'object',
  properties: {
    days: {
      type: 'object',
      properties: Object.fromEntries(
        WEEKDAYS.map((d) => [d, { type: 'object', properties: { start: time, end: time }, required: ['start', 'end'], additionalProperties: false }]),
      ),
      additionalProperties: false,
    },
    holidays: { type: 'array', maxItems: MAX_HOLIDAYS, items: { type: 'string', maxLength: 10 } },
  },
  required: ['days', 'holidays'],
  additionalProperties: false,
};

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const TIMEZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export const tenantPatchBody = bodySchema<{ name?: string; settings?: TenantSettingsPatch }>({
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
        attachments: {
          type: 'object',
          properties: {
            maxMegabytes: { type: 'integer', minimum: 1, maximum: MAX_MEGABYTES },
            types: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...FILE_KINDS] } },
          },
          additionalProperties: false,
        },
        businessHours: BUSINESS_HOURS_SCHEMA,
        ...SECURITY_SCHEMA,
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
});

/** Field errors for settings values that have the right shape but name no real currency, timezone or role of `roles`. */
export function settingsErrors(settings: TenantSettingsPatch, roles: Record<string, unknown>) {
  const errors = [];
  if (settings.currency !== undefined && !CURRENCIES.has(settings.currency))
    errors.push({ path: '/settings/currency', message: 'is not an ISO 4217 currency code' });
  if (settings.timezone !== undefined && !TIMEZONES.has(settings.timezone)) errors.push({ path: '/settings/timezone', message: 'is not an IANA time zone' });
  if (settings.businessHours) errors.push(...businessHoursErrors(settings.businessHours));
  settings.secondFactorRoles?.forEach((role, i) => {
    if (!Object.hasOwn(roles, role)) errors.push({ path: `/settings/secondFactorRoles/${i}`, message: 'is not a role' });
  });
  return errors;
}
