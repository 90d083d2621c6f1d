/** One field-level error of a problem+json body; `path` is a JSON Pointer into the request body. */
export interface FieldError {
  path: string;
  message: string;
}

/** An error answer of the API (RFC 9457 problem details), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail || title);
  }
}

export interface ApiResult<T> {
  data: T;
  etag: string | null;
}

type Listener = (error: ApiError) => void;
const unauthorizedListeners = new Set<Listener>();

/** Called whenever the session turns out to be gone (401), so the app can send the person to the login page. */
export function onUnauthorized(listener: Listener): void {
  unauthorizedListeners.add(listener);
}

/**
 * Calls the JSON API (a Blob body is sent as a file of its type); throws ApiError with the server's problem details on any non-2xx answer. A 401 means the session
 * is gone, unless `options.passwordCheck`: then it is a re-entered password that was wrong, and the session stays.
 */
export async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  options: { ifMatch?: string; passwordCheck?: boolean } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A file (a Blob) travels as it is, under its own type; anything else as JSON.
  const file = body instanceof Blob ? body : undefined;
  if (body !== undefined) headers['content-type'] = file ? file.type : 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: file ?? (body === undefined ? undefined : JSON.stringify(body)), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'Offline', 'The server could not be reached. Check your connection and try again.');
  }
  const text = await res.text();
  const json = text ? safeParse(text) : null;
  if (!res.ok) {
    const p = (json ?? {}) as Record<string, unknown>;
    const error = new ApiError(res.status, String(p.title ?? res.statusText), String(p.detail ?? ''), (p.errors as FieldError[]) ?? [], p);
    if (res.status === 401 && path !== '/login' && !options.passwordCheck) for (const l of unauthorizedListeners) l(error);
    throw error;
  }
  return { data: json as T, etag: res.headers.get('etag') };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Builds a query string, leaving out empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Sends a file as the raw body of a POST (its bytes as they are), reporting how much of it went out (0 to 1) while it
 * does — which `fetch` cannot. Answers and errors as `api` does.
 */
export function upload<T = unknown>(path: string, file: Blob, onProgress?: (done: number) => void): Promise<ApiResult<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.setRequestHeader('accept', 'application/json');
    // The server reads what a file is from its bytes; the type is only a courtesy.
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress?.(e.lengthComputable && e.total > 0 ? e.loaded / e.total : 0);
    xhr.onerror = () => reject(new ApiError(0, 'Offline', 'The server could not be reached. Check your connection and try again.'));
    xhr.onload = () => {
      const json = xhr.responseText ? safeParse(xhr.responseText) : null;
      if (xhr.status >= 200 && xhr.status < 300) return resolve({ data: json as T, etag: xhr.getResponseHeader('etag') });
      const p = (json ?? {}) as Record<string, unknown>;
      const error = new ApiError(xhr.status, String(p.title ?? xhr.statusText), String(p.detail ?? ''), (p.errors as FieldError[]) ?? [], p);
      if (xhr.status === 401) for (const l of unauthorizedListeners) l(error);
      reject(error);
    };
    xhr.send(file);
  });
}
