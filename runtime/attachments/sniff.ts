import type { FileKind } from '../browser-safe/attachment-limits.ts';

/** What a file is, told from its bytes (and, where the bytes alone cannot say, the extension of its name). */
export interface Sniffed {
  kind: FileKind;
  contentType: string;
  /** The extensions a file of this type may carry; the first one is added to a name that has none of them. */
  extensions: readonly string[];
}

const PDF: Sniffed = { kind: 'pdf', contentType: 'application/pdf', extensions: ['pdf'] };
const IMAGES: [number[], number, Sniffed][] = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0, { kind: 'image', contentType: 'image/png', extensions: ['png'] }],
  [[0xff, 0xd8, 0xff], 0, { kind: 'image', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] }],
  [[...'GIF87a'].map(code), 0, { kind: 'image', contentType: 'image/gif', extensions: ['gif'] }],
  [[...'GIF89a'].map(code), 0, { kind: 'image', contentType: 'image/gif', extensions: ['gif'] }],
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
// Word, Excel and PowerPoint files are ZIP (or, before 2007, OLE) containers: their extension says which.
const OOXML: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const LEGACY: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  msg: 'application/vnd.ms-outlook',
};
const TEXT: Record<string, string> = { txt: 'text/plain', md: 'text/plain', csv: 'text/csv' };
const ARCHIVE: Sniffed = { kind: 'archive', contentType: 'application/zip', extensions: ['zip'] };

/** Every content type a download may be served as, for the API document. */
export const CONTENT_TYPES = [
  ...new Set([PDF.contentType, ...IMAGES.map(([, , s]) => s.contentType), 'image/webp', ...Object.values(OOXML), ...Object.values(LEGACY), 'application/zip']),
  'text/plain',
  'text/csv',
];

function code(ch: string): number {
  return ch.charCodeAt(0);
}
const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const extensionOf = (name: string) => /\.([a-z0-9]{1,10})$/i.exec(name)?.[1]?.toLowerCase() ?? '';

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * What the bytes are, or undefined for anything not accepted at all: executables, HTML and SVG (which can carry script),
 * text in names other than .txt/.csv/.md. The type an upload declares plays no part.
 */
export function sniff(bytes: Uint8Array, name: string): Sniffed | undefined {
  const ext = extensionOf(name);
  if (startsWith(bytes, [...'%PDF-'].map(code))) return PDF;
  for (const [signature, at, sniffed] of IMAGES) if (startsWith(bytes, signature, at)) return sniffed;
  if (startsWith(bytes, [...'RIFF'].map(code)) && startsWith(bytes, [...'WEBP'].map(code), 8))
    return { kind: 'image', contentType: 'image/webp', extensions: ['webp'] };
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP))
    return Object.hasOwn(OOXML, ext) ? { kind: 'office', contentType: OOXML[ext]!, extensions: [ext] } : ARCHIVE;
  // OLE containers also hold installers (.msi): only the Office formats are taken.
  if (startsWith(bytes, OLE)) return Object.hasOwn(LEGACY, ext) ? { kind: 'office', contentType: LEGACY[ext]!, extensions: [ext] } : undefined;
  if (Object.hasOwn(TEXT, ext) && isUtf8Text(bytes)) return { kind: 'text', contentType: TEXT[ext]!, extensions: [ext] };
  return undefined;
}

const MAX_NAME = 200;
// Control characters, and the invisible marks that reorder how a name reads ("invoice[RLO]fdp.exe" reads as "invoiceexe.pdf"): \p{Cc} and \p{Cf}.
const UNSEEN = /[\p{Cc}\p{Cf}]/gu;

/** At most MAX_NAME characters, cut before the extension so it stays. */
function cut(name: string): string {
  const chars = [...name];
  if (chars.length <= MAX_NAME) return name;
  const ext = extensionOf(name);
  const tail = ext ? `.${ext}` : '';
  return (
    chars
      .slice(0, MAX_NAME - tail.length)
      .join('')
      .trimEnd() + tail
  );
}

/** A file name safe to store and to send back: its last path segment, without unseen characters, at most 200 characters. */
export function safeName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  const clean = last
    .normalize('NFC')
    .replace(UNSEEN, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  return cut(clean);
}

/** The name with an extension of what the file really is (a PNG called "photo.html" is stored as "photo.html.png"). */
export function withExtension(name: string, sniffed: Sniffed): string {
  if (sniffed.extensions.includes(extensionOf(name))) return name;
  const ext = `.${sniffed.extensions[0]}`;
  return `${[...name].slice(0, MAX_NAME - ext.length).join('')}${ext}`;
}

/** The kinds in words, for the problem that refuses a file. */
export const KIND_WORDS: Record<FileKind, string> = {
  pdf: 'PDF documents',
  image: 'images (PNG, JPEG, GIF, WebP)',
  office: 'Word, Excel and PowerPoint documents',
  text: 'text files (.txt, .csv, .md)',
  archive: 'ZIP archives',
};
