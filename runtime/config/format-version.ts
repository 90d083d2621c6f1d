import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from '../browser-safe/bundle.ts';

/** A pure step that turns a bundle of format version N into one of version N + 1. */
export type FormatStep = (bundle: Record<string, unknown>) => Record<string, unknown>;

/**
 * The steps from each older format version to the next, keyed by the version they start from.
 * Version 1 is the first released format, so the chain is empty today; a change to the format
 * adds one step here (`1: (b) => …` producing version 2) and raises BUNDLE_FORMAT_VERSION.
 */
export const FORMAT_STEPS: Readonly<Record<number, FormatStep>> = {};

/** Why a bundle's format cannot be read, with the JSON Pointer (under `prefix`) it concerns. */
export class FormatError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Brings a bundle of an older format version up to `latest` through `steps`, one version at a time (pure: the
 * input is not changed). Refuses another format, and versions newer than `latest` or without a path forward.
 */
export function upgradeFormat(
  value: unknown,
  prefix = '',
  steps: Readonly<Record<number, FormatStep>> = FORMAT_STEPS,
  latest = BUNDLE_FORMAT_VERSION,
): unknown {
  if (!isObject(value)) return value; // the schema check names what is wrong with it
  if (value.format !== BUNDLE_FORMAT) throw new FormatError(`${prefix}/format`, `is not a crm-studio configuration (format must be "${BUNDLE_FORMAT}")`);
  const version = value.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new FormatError(`${prefix}/formatVersion`, 'must be a whole number');
  if (version > latest) {
    throw new FormatError(
      `${prefix}/formatVersion`,
      `format version ${version} is newer than this crm-studio understands (${latest}): upgrade crm-studio first`,
    );
  }
  let bundle = value;
  for (let v = version; v < latest; v++) {
    const step = steps[v];
    if (!step)
      throw new FormatError(
        `${prefix}/formatVersion`,
        `format version ${version} is unknown: this crm-studio reads versions ${oldest(steps, latest)} to ${latest}`,
      );
    bundle = { ...step(structuredClone(bundle)), formatVersion: v + 1 };
  }
  return bundle;
}

/** The oldest version with an unbroken chain of steps up to `latest`. */
function oldest(steps: Readonly<Record<number, FormatStep>>, latest: number): number {
  let v = latest;
  while (steps[v - 1]) v--;
  return v;
}
