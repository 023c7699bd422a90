// What people report, as shares of all problem reports in the last hour: "Not delivered 72 % · Other 10 %".
import type { CommunityServiceStatus, ProblemKind } from '../../../contracts/status.ts';

/** Short words for the main view's one line; the picker and the details keep the full PROBLEM_LABELS. */
export const PROBLEM_SHORT_WORDS: Record<ProblemKind, string> = {
  'not-delivered': 'Not delivered',
  'cannot-sign-in': "Can't sign in",
  activation: 'Activation',
  'calls-fail': 'Calls fail',
  other: 'Other',
};

export interface ProblemShare {
  problem: ProblemKind;
  words: string;
  /** Whole percent of all problem reports; 0 means "under 1 %" (a kind with no reports is never listed). */
  percent: number;
}

/**
 * The top `limit` kinds with their shares. The server lists only its top three kinds, so the whole is the hour's
 * problem reports (`reportsLastHour`), not the listed counts: unlisted kinds keep their part of 100 %.
 */
export function problemShares(c: Pick<CommunityServiceStatus, 'topProblems' | 'reportsLastHour'>, limit = 3): ProblemShare[] {
  const listed = c.topProblems.filter((p) => p.count > 0);
  const sum = listed.reduce((s, p) => s + p.count, 0);
  const total = Math.max(sum, c.reportsLastHour);
  if (total === 0) return [];
  // Largest remainder, with the unlisted rest as one more part, so the shares shown never add up past 100.
  const parts = [...listed.map((p) => p.count), total - sum].map((n) => (n * 100) / total);
  const whole = parts.map(Math.floor);
  const byRemainder = parts.map((p, i) => ({ i, r: p - Math.floor(p) })).sort((a, b) => b.r - a.r);
  const missing = 100 - whole.reduce((s, n) => s + n, 0);
  for (const { i } of byRemainder.slice(0, missing)) whole[i]! += 1;
  return listed
    .map((p, i) => ({ problem: p.problem, words: PROBLEM_SHORT_WORDS[p.problem], percent: whole[i]! }))
    .sort((a, b) => b.percent - a.percent)
    .slice(0, limit);
}

/** "72 %", or "<1 %" for a kind too small to round to one. */
export function percentWords(percent: number): string {
  return percent === 0 ? '<1\u00a0%' : `${percent}\u00a0%`;
}
