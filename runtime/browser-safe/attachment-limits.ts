/** The kinds of file a company may accept, told apart by their bytes (runtime/attachments/sniff.ts). */
export const FILE_KINDS = ['pdf', 'image', 'office', 'text', 'archive'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** A company's limits on attached files (company settings; owners change them). */
export interface AttachmentLimits {
  /** The largest file, in megabytes (1 to {@link MAX_MEGABYTES}). */
  maxMegabytes: number;
  /** The kinds accepted; at least one. */
  types: FileKind[];
}

/** The most any company may allow per file: the bytes are kept in the database. */
export const MAX_MEGABYTES = 25;

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxMegabytes: 10, types: [...FILE_KINDS] };

/** The limits a company's settings hold, defaults filled in. */
export function attachmentLimitsOf(settings: Record<string, unknown> | undefined): AttachmentLimits {
  const a = (settings?.attachments ?? {}) as Partial<AttachmentLimits>;
  const types = Array.isArray(a.types) ? FILE_KINDS.filter((k) => a.types!.includes(k)) : [...DEFAULT_ATTACHMENT_LIMITS.types];
  return { maxMegabytes: Number(a.maxMegabytes ?? DEFAULT_ATTACHMENT_LIMITS.maxMegabytes), types };
}

/** Bytes in a megabyte, as the limits count them. */
export const MEGABYTE = 1024 * 1024;
