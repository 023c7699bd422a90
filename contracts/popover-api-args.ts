// The argument schema of every popover operation (zod), with its limits, written once: IPC and browser mode both
// validate with these before the engine or the shell sees anything. Main-process only: the popover never bundles zod.
import { z } from 'zod';
import type { OperationArgs, OperationName, POPOVER_OPERATIONS } from './popover-api.ts';
import { settingsPatchSchema } from './settings-schema.ts';
import { PROBLEM_KINDS, SERVICE_IDS, type ProblemKind } from './status.ts';

/** The aggregator answers trend hours 1–168 and incidents limits 1–100 (aggregator/routes.ts); asking for more is refused here. */
export const TREND_HOURS_MAX = 168;
export const INCIDENTS_LIMIT_MAX = 100;
/** Long enough for any real URL, short enough that nobody ships megabytes through the bridge. */
export const URL_TEXT_MAX = 2_048;

const service = z.enum(SERVICE_IDS);
const count = (max: number) => z.number().int().min(1).max(max);
const urlText = z.string().min(1).max(URL_TEXT_MAX);
const reportRequest = z
  .strictObject({
    service,
    kind: z.enum(['problem', 'working']),
    problem: z.enum(PROBLEM_KINDS as [ProblemKind, ...ProblemKind[]]).optional(),
  })
  .refine((r) => r.kind === 'problem' || r.problem === undefined, { message: 'only a problem report names a problem', path: ['problem'] });

/** Each operation's argument list, in the order of its `params`. */
export const POPOVER_ARGS = {
  getSnapshot: z.tuple([]),
  checkNow: z.tuple([]),
  report: z.tuple([reportRequest]),
  getTrend: z.tuple([service, count(TREND_HOURS_MAX)]),
  getIncidents: z.tuple([service, count(INCIDENTS_LIMIT_MAX)]),
  getSettings: z.tuple([]),
  setSettings: z.tuple([settingsPatchSchema]),
  testAggregator: z.tuple([urlText]),
  openExternal: z.tuple([urlText]),
  quit: z.tuple([]),
  getShellStatus: z.tuple([]),
  sendQueuedReports: z.tuple([]),
  hide: z.tuple([]),
} satisfies { [K in OperationName]: z.ZodType<{ length: (typeof POPOVER_OPERATIONS)[K]['params']['length'] }> };

export type ArgumentCheck<K extends OperationName> =
  { ok: true; args: z.output<(typeof POPOVER_ARGS)[K]> } | { ok: false; issues: { path: PropertyKey[]; message: string }[] };

/** Checks an operation's raw argument list against its schema; the issues name positions from 0 (`[1]` = the second argument). */
export function checkArguments<K extends OperationName>(op: K, raw: unknown): ArgumentCheck<K> {
  const schema: z.ZodType = POPOVER_ARGS[op];
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, args: result.data as z.output<(typeof POPOVER_ARGS)[K]> };
  return { ok: false, issues: result.error.issues.map((i) => ({ path: [...i.path], message: i.message })) };
}

/** Whether argument `index` of `op` is a number (query parameters arrive as text and are read as numbers for these). */
export function isNumberArgument(op: OperationName, index: number): boolean {
  const item = (POPOVER_ARGS[op].def.items as readonly z.ZodType[])[index];
  return item?.def.type === 'number';
}

// Compile-time guard: every argument list the popover may pass (popover-api.ts) is one its schema can accept.
type Accepts<K extends OperationName> = OperationArgs<K> extends z.input<(typeof POPOVER_ARGS)[K]> ? true : false;
const everyCallAccepted: false extends { [K in OperationName]: Accepts<K> }[OperationName] ? never : true = true;
void everyCallAccepted;
