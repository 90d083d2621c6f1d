import { join } from 'node:path';

/**
 * The project's folder: the parent of this file's folder, both in the sources (`runtime/`) and in the built server
 * (`dist/server.js`, one bundle). Files the server reads at run time are found from here.
 */
export const ROOT = join(import.meta.dirname, '..');
