import { ResponseError } from '@backstage/errors';

/**
 * Parsed here rather than with res.json(): the objects then belong to this module's realm (fetch
 * may live in another one, e.g. under Jest), which the scaffolder's templating needs for step
 * outputs.
 */
export async function parseJson(res: Response): Promise<unknown> {
  return JSON.parse(await res.text());
}

/**
 * The ResponseError of an error answer. The backend's error bodies are
 * `{ error: { name, message }, response: { statusCode } }`; ResponseError only takes the server's
 * error as its cause when `response` is there, so it is added when a body carries just `error`
 * (keeps `cause.message` the backend's message). The message is the backend's own message when it
 * sent one (what a failed scaffolder task shows), else the status and the start of the body.
 */
export async function responseError(res: Response): Promise<ResponseError> {
  const text = await res.text().catch(() => '');
  let patched = text;
  let backendMessage: string | undefined;
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object' && body.error) {
      if (typeof body.error.message === 'string' && body.error.message) {
        backendMessage = body.error.message;
      }
      if (!body.response) {
        patched = JSON.stringify({
          ...body,
          response: { statusCode: res.status },
        });
      }
    }
  } catch {
    // not JSON: ResponseError keeps the text
  }
  const error = await ResponseError.fromResponse({
    headers: res.headers,
    ok: res.ok,
    redirected: res.redirected,
    status: res.status,
    statusText: res.statusText,
    type: res.type,
    url: res.url,
    text: async () => patched,
  });
  if (backendMessage) {
    error.message = backendMessage;
  } else {
    const snippet = text.trim().slice(0, 300);
    error.message = `Kratix backend answered ${res.status} ${res.statusText}${
      snippet ? `: ${snippet}` : ''
    }`;
  }
  return error;
}
