export interface UploadProgress {
  loaded: number;
  total: number;
}

export class UploadFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'UploadFailure';
  }
}

/**
 * Sends one file to `POST /api/orgs/:org/ingest/:source` as a multipart `file` part. XMLHttpRequest
 * rather than fetch: only it reports upload progress. Same origin, so the browser sends the session
 * cookie (SameSite=Strict) and an Origin header that is the app's own. Resolves with the run's id.
 */
export function uploadFile(org: string, source: string, file: File, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<string> {
  const send = () =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/orgs/${encodeURIComponent(org)}/ingest/${encodeURIComponent(source)}`);
      xhr.responseType = 'json';
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
      xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as unknown });
      xhr.onerror = () => reject(new UploadFailure('network', 0));
      xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
      signal?.addEventListener('abort', () => xhr.abort());
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  return (async () => {
    let answer = await send();
    // An expired access token: refresh the session once, as the GraphQL client does, then retry.
    if (answer.status === 401) {
      const refreshed = await fetch('/auth/refresh', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.ok, () => false);
      if (refreshed) answer = await send();
    }
    const body = (answer.body ?? {}) as { run?: { id?: string }; message?: string | string[] };
    if (answer.status >= 200 && answer.status < 300 && body.run?.id) return body.run.id;
    const message = Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? `HTTP ${answer.status}`);
    throw new UploadFailure(message, answer.status);
  })();
}
