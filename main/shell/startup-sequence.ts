// Startup as named steps in a fixed order: the first icon comes before anything slow, and a failure is reported, not hung.
import { errorText } from '../../contracts/results.ts';

export interface StartupStep {
  name: string;
  run: () => void | Promise<void>;
}

export interface StartupOutcome {
  ok: boolean;
  completed: string[];
  failedStep?: string;
  error?: unknown;
}

/** Runs the steps one after another; stops at the first that throws or rejects and hands it to `onFatal`. */
export async function runStartup(steps: readonly StartupStep[], onFatal: (step: string, error: unknown) => void): Promise<StartupOutcome> {
  const completed: string[] = [];
  for (const step of steps) {
    try {
      await step.run();
      completed.push(step.name);
    } catch (error) {
      onFatal(step.name, error);
      return { ok: false, completed, failedStep: step.name, error };
    }
  }
  return { ok: true, completed };
}

/** The words of the fatal-error dialog: what failed, why, and where the log is. */
export function fatalStartupMessage(step: string, error: unknown, logFile: string): { title: string; body: string } {
  const reason = errorText(error);
  return {
    title: 'iMessage Status could not start',
    body: `Starting failed at "${step}": ${reason}\n\nDetails are in the log: ${logFile}\nThe app will now quit; open it again to retry.`,
  };
}
