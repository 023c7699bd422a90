// One zod schema per IPC request channel: main validates every argument tuple before the engine sees it.
import { z } from 'zod';
import type { IpcArgs, IpcRequestChannel } from '../../contracts/ipc.ts';
import { IPC_REQUEST_CHANNELS } from '../../contracts/ipc.ts';
import { settingsPatchSchema } from '../../contracts/settings-schema.ts';
import { PROBLEM_KINDS, SERVICE_IDS } from '../../contracts/status.ts';

const service = z.enum(SERVICE_IDS);
const problem = z.enum(PROBLEM_KINDS as [string, ...string[]]);
/** Long enough for any real URL, short enough that nobody ships megabytes through IPC. */
const urlText = z.string().min(1).max(2048);

const reportRequest = z
  .strictObject({ service, kind: z.enum(['problem', 'working']), problem: problem.optional() })
  .refine((r) => r.kind === 'problem' || r.problem === undefined, { message: 'problem is only for kind "problem"' });

const none = z.tuple([]);

export const IPC_ARG_SCHEMAS = {
  'monitor:get-snapshot': none,
  'monitor:check-now': none,
  'monitor:report': z.tuple([reportRequest]),
  'monitor:get-trend': z.tuple([service, z.number().int().min(1).max(24 * 30)]),
  'monitor:get-incidents': z.tuple([service, z.number().int().min(1).max(200)]),
  'monitor:get-settings': none,
  'monitor:set-settings': z.tuple([settingsPatchSchema]),
  'monitor:test-aggregator': z.tuple([urlText]),
  'monitor:open-external': z.tuple([urlText]),
  'monitor:quit': none,
  'monitor:get-shell-status': none,
  'monitor:hide': none,
} satisfies Record<IpcRequestChannel, z.ZodType>;

export class IpcPayloadError extends Error {
  override readonly name = 'IpcPayloadError';
  constructor(
    readonly channel: string,
    readonly issues: string,
  ) {
    super(`Invalid arguments for ${channel}: ${issues}`);
  }
}

/** True for the channel names of the contract, false for anything a hostile page might invent. */
export function isRequestChannel(channel: unknown): channel is IpcRequestChannel {
  return typeof channel === 'string' && (IPC_REQUEST_CHANNELS as readonly string[]).includes(channel);
}

/** Validates the raw argument list of a request; throws IpcPayloadError naming the offending fields. */
export function parseIpcArgs<C extends IpcRequestChannel>(channel: C, args: unknown[]): IpcArgs<C> {
  const schema: z.ZodType = IPC_ARG_SCHEMAS[channel];
  const result = schema.safeParse(args);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`).join('; ');
    throw new IpcPayloadError(channel, issues);
  }
  return result.data as IpcArgs<C>;
}
