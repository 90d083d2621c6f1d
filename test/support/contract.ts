import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface ApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

const escape = (segment: string) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

/**
 * Checks answers against the API document: the route and the status must be documented, the content type declared,
 * and a JSON body must fit its schema. Returns what does not fit, or undefined.
 */
export function contractChecker(doc: ApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema(doc as object, 'api');
  const compiled = new Map<string, ValidateFunction>();
  const routes = Object.keys(doc.paths)
    .map((path) => ({
      path,
      pattern: new RegExp(`^${path.replace(/[.+?^$()[\]\\|]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
      // A literal segment wins over a parameter (`/stage-totals` over `/{id}`).
      literals: path.split('/').filter((s) => s && !s.startsWith('{')).length,
    }))
    .sort((a, b) => b.literals - a.literals);

  return (method: string, url: string, status: number, contentType: string | null, text: string): string | undefined => {
    const path = new URL(url, 'http://localhost').pathname;
    if (!path.startsWith('/api/')) return undefined;
    const route = routes.find((r) => r.pattern.test(path));
    const op = route && doc.paths[route.path]![method.toLowerCase()];
    // Nothing there: the one answer is the 404 problem of an address the API does not have.
    if (!route || !op)
      return status === 404 && contentType?.startsWith('application/problem+json') ? undefined : `${method} ${path} is not in the API document`;
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => op.responses[k]);
    if (!key) return `${method} ${route.path} does not document status ${status}`;
    const content = op.responses[key]!.content;
    if (!content) return text === '' ? undefined : `${method} ${route.path} ${status} answered a body its document does not declare`;
    const media = (contentType ?? '').split(';')[0]!.trim();
    const declared = Object.keys(content).find((m) => m === media);
    if (!declared) return `${method} ${route.path} ${status} answered ${media || 'no content type'}, the document says ${Object.keys(content).join(', ')}`;
    if (!/json/.test(media)) return undefined;
    const pointer = `api#/paths/${escape(route.path)}/${method.toLowerCase()}/responses/${key}/content/${escape(declared)}/schema`;
    let check = compiled.get(pointer);
    if (!check) compiled.set(pointer, (check = ajv.getSchema(pointer)!));
    if (check(JSON.parse(text))) return undefined;
    return `${method} ${route.path} ${status} does not fit its schema: ${ajv.errorsText(check.errors)}`;
  };
}
