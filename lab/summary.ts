// The human summary of a lab run (stderr of `npm run lab`): what the engine did and each expectation's verdict.
import type { RunResult } from './runner.ts';
import { POSTING_CEILING_PER_MINUTE } from './world/reporters.ts';

/** The human summary written to stderr. */
export function summary(result: RunResult): string {
  const lines = [`lab: ${result.scenario.name} — ${result.wallMs} ms (durationMs ${result.scenario.durationMs})`];
  for (const e of result.events) {
    if (e.event === 'notification')
      lines.push(`  ${String(e.t).padStart(6)} ms  notification ${e.service}:${e.kind}  "${e.title}" — ${e.body}`);
    if (e.event === 'local') lines.push(`  ${String(e.t).padStart(6)} ms  local ${e.from} → ${e.to}`);
    if (e.event === 'state') lines.push(`  ${String(e.t).padStart(6)} ms  ${e.service} ${e.from} → ${e.to}: ${e.reason}`);
  }
  const end = result.events.find((e) => e.event === 'end');
  for (const [key, t] of Object.entries(end?.event === 'end' ? end.reports : {})) {
    const posted = t.accepted + t.refused + t.failed;
    if (posted === 0 && t.askedPerMinute === undefined) continue;
    const ceiling = t.askedPerMinute
      ? ` (asked ${t.askedPerMinute}/min; posted at the lab's ceiling, ${POSTING_CEILING_PER_MINUTE}/min)`
      : '';
    lines.push(`  reports ${key}: ${posted} posted, ${t.accepted} accepted, ${t.refused} refused, ${t.failed} unanswered${ceiling}`);
  }
  for (const r of result.results) lines.push(`  ${r.passed ? 'PASS' : 'FAIL'}  ${r.expectation}  — ${r.reason}`);
  const failed = result.results.filter((r) => !r.passed).length;
  lines.push(
    failed ? `lab: ${failed} of ${result.results.length} expectations failed` : `lab: all ${result.results.length} expectations hold`,
  );
  return lines.join('\n') + '\n';
}
