// The argument schema of every popover operation (zod), with its limits, written once: IPC and browser mode both
// validate with these before the engine or the shell sees anything. Main-process only: the popover never bundles zod.
// The spec (popover-api.ts) checks that these cover its operations; this file needs nothing from it.
import { z } from 'zod';
import { INCIDENTS_BEFORE_MAX_LENGTH, INCIDENTS_LIMIT_MAX, TREND_HOURS_MAX, isIncidentsBefore } from './aggregator-api.ts';
import { checkReportRequest, isInvalidReport } from './report-schema.ts';
import { settingsPatchSchema } from './settings-schema.ts';
import { SERVICE_IDS, type ReportRequest } from './status.ts';
/** Long enough for any real URL, short enough that nobody ships megabytes through the bridge. */
export const URL_TEXT_MAX = 2_048;

const service = z.enum(SERVICE_IDS);
const count = (max: number) => z.number().int().min(1).max(max);
const urlText = z.string().min(1).max(URL_TEXT_MAX);
// An incident page's `before`: an ISO time, or null (absent over HTTP) for the newest page.
const incidentsBefore = z
  .string()
  .max(INCIDENTS_BEFORE_MAX_LENGTH)
  .refine(isIncidentsBefore, 'must be an ISO time such as 2026-11-19T14:09:00.000Z')
  .nullable()
  .default(null);
// The one report schema (report-schema.ts), with no field beyond the request's own.
const reportRequest = z.unknown().transform((raw, ctx): ReportRequest => {
  const checked = checkReportRequest(raw, { exactFields: true });
  if (!isInvalidReport(checked)) return checked;
  ctx.addIssue({ code: 'custom', message: checked.error, path: checked.field === 'body' ? [] : [checked.field] });
  return z.NEVER;
});

/** Each operation's argument list, in the order of its `params`. */
export const POPOVER_ARGS = {
  getSnapshot: z.tuple([]),
  checkNow: z.tuple([]),
  report: z.tuple([reportRequest]),
  getTrend: z.tuple([service, count(TREND_HOURS_MAX)]),
  getIncidents: z.tuple([service, count(INCIDENTS_LIMIT_MAX), incidentsBefore]),
  getIncidentSummary: z.tuple([service]),
  getSettings: z.tuple([]),
  setSettings: z.tuple([settingsPatchSchema]),
  testAggregator: z.tuple([urlText]),
  openExternal: z.tuple([urlText]),
  quit: z.tuple([]),
  getShellStatus: z.tuple([]),
  sendQueuedReports: z.tuple([]),
  hide: z.tuple([]),
};

/** The operations that take arguments from the popover: all of them (popover-api.ts checks it). */
export type ArgsOperationName = keyof typeof POPOVER_ARGS;

export type ArgumentCheck<K extends ArgsOperationName> =
  { ok: true; args: z.output<(typeof POPOVER_ARGS)[K]> } | { ok: false; issues: { path: PropertyKey[]; message: string }[] };

/** Checks an operation's raw argument list against its schema; the issues name positions from 0 (`[1]` = the second argument). */
export function checkArguments<K extends ArgsOperationName>(op: K, raw: unknown): ArgumentCheck<K> {
  const schema: z.ZodType = POPOVER_ARGS[op];
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, args: result.data as z.output<(typeof POPOVER_ARGS)[K]> };
  return { ok: false, issues: result.error.issues.map((i) => ({ path: [...i.path], message: i.message })) };
}

/** Whether argument `index` of `op` is a number (query parameters arrive as text and are read as numbers for these). */
export function isNumberArgument(op: ArgsOperationName, index: number): boolean {
  const item = (POPOVER_ARGS[op].def.items as readonly z.ZodType[])[index];
  return item?.def.type === 'number';
}
