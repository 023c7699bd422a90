// Reads and checks request bodies for the browser-mode bridge: size limit, JSON, then a schema.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { PROBLEM_KINDS, SERVICE_IDS, type ProblemKind } from '../../contracts/status.ts';

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

/** Checks `value` against `schema`, naming the first bad field. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  throw new BadRequestError(400, `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid body'}`, field);
}

export const reportRequestSchema = z
  .strictObject({
    service: z.enum(SERVICE_IDS),
    kind: z.enum(['problem', 'working']),
    problem: z.enum(PROBLEM_KINDS as [ProblemKind, ...ProblemKind[]]).optional(),
  })
  .refine((r) => r.kind === 'problem' || r.problem === undefined, { message: 'only a problem report names a problem', path: ['problem'] });

export const urlBodySchema = z.strictObject({ url: z.string().min(1).max(2048) });

export const settingsPatchSchema = z.record(z.string(), z.unknown());

/** Query parameters of trend / incidents. */
export const historyQuerySchema = z.object({
  service: z.enum(SERVICE_IDS),
  count: z.coerce.number().int().min(1).max(168),
});
