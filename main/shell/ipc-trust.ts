// Who may call our IPC handlers: only the popover's own page, in its main frame. Anything else is ignored.
import { isOwnPage } from '../popover/url-policy.ts';

export interface SenderFacts {
  /** webContents.id of the sender. */
  senderId: number;
  /** webContents.id of our popover window; null before it exists or after it was destroyed. */
  popoverId: number | null;
  /** URL of the frame that sent the message; null when the frame is gone. */
  frameUrl: string | null;
  /** The frame is the top-level frame of the sender (no iframes). */
  isMainFrame: boolean;
  /** The popover page, app://popover/index.html (a file: URL works too: compared as a path). */
  popoverFileUrl: string;
}

/** True only for our popover's top frame showing our bundled page. */
export function isTrustedSender(facts: SenderFacts): boolean {
  if (facts.popoverId === null || facts.senderId !== facts.popoverId) return false;
  if (!facts.isMainFrame || facts.frameUrl === null) return false;
  return isOwnPage(facts.frameUrl, facts.popoverFileUrl);
}
