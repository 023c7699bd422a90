// Where the Messages database is: only macOS has one; an explicit path (CLI, lab, tests) works anywhere.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createMessagesSource, type MessagesSource } from './source.ts';

/** The Messages app's database for this user on macOS. */
export const macMessagesDbPath = (home: string = homedir()): string => join(home, 'Library', 'Messages', 'chat.db');

export interface MessagesWiring {
  /** null where nothing may run: not a Mac, and no path given. */
  source: MessagesSource | null;
  /** A path was given: read it whatever the opt-in setting says. */
  explicit: boolean;
}

/** The source for this platform, or for an explicit database path. */
export function messagesWiring(
  explicitPath: string | undefined,
  platform: NodeJS.Platform = process.platform,
  home?: string,
): MessagesWiring {
  if (explicitPath) return { source: createMessagesSource({ dbPath: explicitPath }), explicit: true };
  if (platform !== 'darwin') return { source: null, explicit: false };
  return { source: createMessagesSource({ dbPath: macMessagesDbPath(home) }), explicit: false };
}
