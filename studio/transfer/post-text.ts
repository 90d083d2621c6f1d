import { ApiError, type FieldError } from '../../runtime/web/kit/api/client.ts';

/**
 * POSTs JSON text exactly as given (a chosen file is sent unparsed, so the server's strict parser sees
 * duplicate keys the browser's JSON.parse would silently drop); problem answers become ApiError as with `api`.
 */
export async function postJsonText<T>(path: string, text: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: text,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'Offline', 'The server could not be reached. Check your connection and try again.');
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) {
    const p = body ?? {};
    throw new ApiError(res.status, String(p.title ?? res.statusText), String(p.detail ?? ''), (p.errors as FieldError[]) ?? [], p);
  }
  return body as T;
}
