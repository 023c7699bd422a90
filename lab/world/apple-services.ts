// Apple's service names as its two status feeds write them, and how a scenario's `official` key maps onto one.
export type FeedKind = 'consumer' | 'developer';

/** A service as Apple lists it: `listed` exactly as the feed writes it (entities and all), `name` as people read it. */
export interface AppleService {
  listed: string;
  name: string;
  feed: FeedKind;
}

// The consumer feed HTML-escapes some names; the developer feed is where push (APNS) appears.
export const CONSUMER_LISTED = [
  'App Store',
  'Apple Account',
  'Apple Messages for Business',
  'FaceTime',
  'HomeKit',
  'HomeKit Secure Video',
  'iCloud Account &amp; Sign In',
  'iCloud Mail',
  'iMessage',
  'Walkie-Talkie',
] as const;
export const DEVELOPER_LISTED = ['APNS', 'APNS Sandbox', 'App Store Connect', 'CloudKit Database', 'Sign in with Apple'] as const;

/** The scenario's own service ids, and the engine's stable ids for Apple's other services, as aliases. */
const ALIASES: Record<string, string> = {
  imessage: 'iMessage',
  facetime: 'FaceTime',
  'messages-for-business': 'Apple Messages for Business',
  'homekit-secure-video': 'HomeKit Secure Video',
  'icloud-account': 'iCloud Account & Sign In',
  'apple-account': 'Apple Account',
  'apns-sandbox': 'APNS Sandbox',
};

const decodeAmp = (text: string): string => text.replace(/&amp;/gi, '&');

/** How names are compared: `&amp;` decoded, white space collapsed, case ignored. */
export function foldName(name: string): string {
  return decodeAmp(name).replace(/\s+/g, ' ').trim().toLowerCase();
}

const KNOWN = new Map<string, AppleService>(
  [
    ...CONSUMER_LISTED.map((listed) => ({ listed, feed: 'consumer' as const })),
    ...DEVELOPER_LISTED.map((listed) => ({ listed, feed: 'developer' as const })),
  ].map((s) => [foldName(s.listed), { ...s, name: decodeAmp(s.listed) }]),
);

/**
 * The Apple service a scenario key names: `imessage`/`facetime`, any name Apple's feeds list (in any case), or a
 * name Apple lists elsewhere on its page, which the lab adds to the consumer feed as written.
 */
export function appleService(key: string): AppleService {
  const folded = foldName(ALIASES[key.trim().toLowerCase()] ?? key);
  const known = KNOWN.get(folded);
  if (known) return known;
  const name = decodeAmp(key).replace(/\s+/g, ' ').trim();
  return { listed: name.replace(/&/g, '&amp;'), name, feed: 'consumer' };
}
