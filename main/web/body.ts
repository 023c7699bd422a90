// Reads and checks requests for the browser-mode bridge: size limit, JSON, then the operation's schema from the popover API spec.
import type { IncomingMessage } from 'node:http';
import { checkArguments, isNumberArgument } from '../../contracts/popover-api-args.ts';
import { POPOVER_OPERATIONS, type HttpOperationName, type ParsedArgs } from '../../contracts/popover-api.ts';

/** A request the bridge refuses, with the HTTP status and words to answer. */
export class BadRequestError extends Error {
  override name = 'BadRequestError';
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const MAX_BODY_BYTES = 16 * 1024;

/** Collects the body (refusing anything over the limit) and parses it as JSON; an empty body is `{}`. */
export async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BadRequestError(413, `Request body over ${limit} bytes.`);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  // A JSON content type is required: it also forces a CORS preflight on any cross-site attempt.
  if (!/^application\/json\b/i.test(type)) throw new BadRequestError(415, 'Send JSON with content-type application/json.');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BadRequestError(400, 'The body is not valid JSON.');
  }
}

/** The argument list of `op` from its request: query parameters for GET, the JSON body otherwise (by name, or whole). */
export async function readArguments(op: HttpOperationName, req: IncomingMessage, url: URL): Promise<unknown[]> {
  const { params, http } = POPOVER_OPERATIONS[op];
  const names: readonly string[] = params;
  if (http.method === 'GET') {
    return names.map((name, i) => {
      const text = url.searchParams.get(name);
      if (text === null) return undefined;
      return isNumberArgument(op, i) ? (text.trim() === '' ? Number.NaN : Number(text)) : text;
    });
  }
  const body = await readJson(req);
  if ('body' in http && http.body === 'whole') return [body];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestError(400, 'Send a JSON object.');
  const unknown = Object.keys(body).find((key) => !names.includes(key));
  if (unknown !== undefined) throw new BadRequestError(400, `${unknown.slice(0, 60)}: not expected here`, unknown.slice(0, 60));
  return names.map((name) => (body as Record<string, unknown>)[name]);
}

/** Checks the arguments against the operation's schema, naming the first bad field (by argument name, or inside a whole body). */
export function parseArguments<K extends HttpOperationName>(op: K, raw: unknown[]): ParsedArgs<K> {
  const checked = checkArguments(op, raw);
  if (checked.ok) return checked.args as ParsedArgs<K>;
  const issue = checked.issues[0];
  const [index, ...inside] = issue?.path ?? [];
  const { params, http } = POPOVER_OPERATIONS[op];
  const whole = 'body' in http && http.body === 'whole';
  const name = typeof index === 'number' && !whole ? (params as readonly string[])[index] : undefined;
  const field = [...(name === undefined ? [] : [name]), ...inside.map(String)].join('.') || undefined;
  const message = issue?.message ?? 'invalid request';
  // Settings messages already name their field ("probeIntervalMs must be …"); others get it in front.
  throw new BadRequestError(400, field && !message.includes(field) ? `${field}: ${message}` : message, field);
}
