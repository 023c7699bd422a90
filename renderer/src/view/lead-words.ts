// How this computer's view of the open incident compares with Apple's status page, in one sentence.
import type { Lead } from '../../../contracts/status.ts';
import { formatDuration } from './time.ts';

/** "Seen here 42 min before Apple's status page." Only `ahead` claims to have known first. */
export function leadSentence(lead: Lead): string {
  switch (lead.kind) {
    case 'ahead':
      return `Seen here ${formatDuration(lead.ms)} before Apple's status page.`;
    case 'same-time':
      return "Apple's page showed it at the same time.";
    case 'apple-first':
      return `Apple's page showed it ${formatDuration(lead.ms)} earlier.`;
    case 'unconfirmed':
      return "Apple's page doesn't show it yet.";
  }
}
