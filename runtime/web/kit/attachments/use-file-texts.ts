import { useI18n } from 'vue-i18n';
import { FILE_KINDS, MEGABYTE, type AttachmentLimits, type FileKind } from '../../../browser-safe/attachment-limits.ts';
import { ApiError } from '../api/client.ts';

const UNITS: [number, string][] = [
  [MEGABYTE, 'megabyte'],
  [1024, 'kilobyte'],
];

/** A file's size in words of the person's language: "820 bytes", "12.5 kB", "3.4 MB". */
export function fileSize(bytes: number, locale: string): string {
  const [unit, name] = UNITS.find(([u]) => bytes >= u) ?? [1, 'byte'];
  // Bytes in full words, so they take the plural ("1 byte", "820 bytes"); larger units short.
  const unitDisplay = name === 'byte' ? 'long' : 'short';
  return new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay, maximumFractionDigits: 1 }).format(bytes / unit);
}

/** Sizes, the kinds a company accepts, and why an upload or removal failed, in the person's language. */
export function useFileTexts() {
  const { t, locale } = useI18n();
  const kinds = (types: readonly FileKind[]) =>
    new Intl.ListFormat(locale.value, { type: 'conjunction' }).format(FILE_KINDS.filter((k) => types.includes(k)).map((k) => t(`attachments.kinds.${k}`)));

  /** What an upload of `name` answered, in words; the server's own words for what is not known here. */
  function problem(error: unknown, name: string, limits: AttachmentLimits): string {
    if (!(error instanceof ApiError)) return t('errors.generic');
    if (error.status === 0) return t('errors.offline');
    if (error.status === 413) return t('attachments.errors.tooLarge', { name, mb: Number(error.body.maxMegabytes ?? limits.maxMegabytes) });
    if (error.status === 415) {
      const accepted = Array.isArray(error.body.accepted) ? (error.body.accepted as FileKind[]) : limits.types;
      return t('attachments.errors.kind', { name, kinds: kinds(accepted) });
    }
    if (error.status === 409) return t('attachments.errors.fillsField');
    if (error.status === 403) return t('attachments.errors.forbidden');
    if (error.status === 404) return t('attachments.errors.gone');
    if (error.status === 422 && error.errors.some((e) => e.path === '')) return t('attachments.errors.empty', { name });
    return t('attachments.errors.failed', { name, reason: error.detail || t('errors.generic') });
  }

  return {
    size: (bytes: number) => fileSize(bytes, locale.value),
    accepted: (limits: AttachmentLimits) => t('attachments.accepted', { kinds: kinds(limits.types), mb: limits.maxMegabytes }),
    problem,
  };
}
