// What could not be written to disk, in one sentence for the popover (settings, the offline report queue).
import type { ReportSender, SettingsInForce } from './ports.ts';

/** Absent when everything is saved; otherwise names what is only in memory, and why. */
export function storageProblem(settings: SettingsInForce, reporter: ReportSender): { storageProblem?: string } {
  const problems: string[] = [];
  if (settings.saveError) problems.push(`Settings could not be saved (${settings.saveError}); your changes last until the app quits.`);
  const reporterProblem = reporter.storageProblem?.() ?? null;
  if (reporterProblem) problems.push(reporterProblem);
  return problems.length > 0 ? { storageProblem: problems.join(' ') } : {};
}
