// The state of one service's report buttons: idle → sending → sent / duplicate / queued / failed.
import type { ReportOutcome } from '../../../contracts/status.ts';
import { formatClock } from './time.ts';

export type ReportFlow =
  | { phase: 'idle' }
  | { phase: 'sending' }
  | { phase: 'done'; result: ReportOutcome['result']; message: string; retryAt: number | null }
  | { phase: 'failed'; message: string };

export type ReportEvent =
  { type: 'send' } | { type: 'outcome'; outcome: ReportOutcome } | { type: 'error'; message: string } | { type: 'delivered' };

export const IDLE: ReportFlow = { phase: 'idle' };

/** Next state of the report buttons. */
export function reportFlow(state: ReportFlow, event: ReportEvent): ReportFlow {
  switch (event.type) {
    case 'send':
      return { phase: 'sending' };
    case 'outcome':
      return { phase: 'done', result: event.outcome.result, message: event.outcome.message, retryAt: event.outcome.retryAt ?? null };
    case 'error':
      return { phase: 'failed', message: event.message };
    case 'delivered':
      return state.phase === 'done' && state.result === 'queued'
        ? { phase: 'done', result: 'sent', message: 'Your queued report has been sent.', retryAt: state.retryAt }
        : state;
  }
}

export interface ReportView {
  disabled: boolean;
  /** Why the buttons are disabled, or the confirmation / failure to show; '' for none. */
  note: string;
  tone: 'info' | 'ok' | 'warn' | 'bad';
}

/** What the buttons and the line under them say now. */
export function reportView(state: ReportFlow, now: number): ReportView {
  if (state.phase === 'idle') return { disabled: false, note: '', tone: 'info' };
  if (state.phase === 'sending') return { disabled: true, note: 'Sending…', tone: 'info' };
  if (state.phase === 'failed') return { disabled: false, note: `Could not send: ${state.message}`, tone: 'bad' };
  const waiting = state.retryAt !== null && state.retryAt > now;
  const until = waiting && state.retryAt !== null ? ` You can report again after ${formatClock(state.retryAt, now)}.` : '';
  switch (state.result) {
    case 'sent':
      return { disabled: waiting, note: `${state.message || 'Thanks — report sent.'}${until}`, tone: 'ok' };
    case 'duplicate':
      return { disabled: waiting, note: `${state.message || 'Already counted.'}${until}`, tone: 'info' };
    case 'queued': {
      // The engine says why it waits (offline, no server, server not answering, rate-limited); a rate limit says when.
      const retry = state.retryAt !== null ? `Rate-limited, will retry at ${formatClock(state.retryAt, now)}.` : '';
      return { disabled: true, note: retry || state.message || 'Saved; it will be sent when the community server answers.', tone: 'warn' };
    }
    case 'rejected':
      return { disabled: false, note: state.message || 'The community server refused the report.', tone: 'bad' };
  }
}
