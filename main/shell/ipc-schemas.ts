// IPC argument validation, from the popover API spec: each channel's schema is its operation's (contracts/popover-api-args.ts).
import type { z } from 'zod';
import type { IpcArgs, IpcRequestChannel } from '../../contracts/ipc.ts';
import { IPC_REQUEST_CHANNELS } from '../../contracts/ipc.ts';
import { checkArguments, POPOVER_ARGS } from '../../contracts/popover-api-args.ts';
import { ipcChannel, OPERATION_NAMES, type OperationName } from '../../contracts/popover-api.ts';

const OPERATION_OF = new Map<string, OperationName>(OPERATION_NAMES.map((op) => [ipcChannel(op), op]));

/** Each request channel's argument schema (the spec's, by channel name). */
export const IPC_ARG_SCHEMAS = Object.fromEntries(OPERATION_NAMES.map((op) => [ipcChannel(op), POPOVER_ARGS[op]])) as unknown as Record<
  IpcRequestChannel,
  z.ZodType
>;

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

/** The operation a request channel carries. */
export function operationOf(channel: IpcRequestChannel): OperationName {
  const op = OPERATION_OF.get(channel);
  if (!op) throw new Error(`No operation for ${channel}.`);
  return op;
}

/** Validates the raw argument list of a request; throws IpcPayloadError naming the offending fields. */
export function parseIpcArgs<C extends IpcRequestChannel>(channel: C, args: unknown[]): IpcArgs<C> {
  const checked = checkArguments(operationOf(channel), args);
  if (!checked.ok) {
    const issues = checked.issues.map((i) => `${i.path.map(String).join('.') || '(arguments)'}: ${i.message}`).join('; ');
    throw new IpcPayloadError(channel, issues);
  }
  return checked.args as IpcArgs<C>;
}
