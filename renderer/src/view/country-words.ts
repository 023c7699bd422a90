// Where the crowd is, in one line: "Mostly United States · 3 countries", "United States, Germany and 2 more".
import type { CommunityServiceStatus } from '../../../contracts/status.ts';

/** The aggregator lists at most this many countries (aggregator/detection/detector.ts). */
export const COUNTRIES_LISTED_MAX = 5;

type CountryName = (code: string) => string;

let displayNames: Intl.DisplayNames | null = null;

/** The country's name in the user's language (the runtime's locale), or the code itself when it has none. */
export function regionName(code: string): string {
  try {
    displayNames ??= new Intl.DisplayNames(undefined, { type: 'region' });
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Null when the server named no country. "Mostly" means one country holds more than half of the problem networks in
 * the window; networks with no known country are not listed but still count in that whole, so they weigh against it.
 */
export function whereWords(
  c: Pick<CommunityServiceStatus, 'topCountries' | 'networksInWindow'>,
  name: CountryName = regionName,
): string | null {
  const top = (c.topCountries ?? []).filter((t) => t.networks > 0);
  const [first, second] = top;
  if (!first) return null;
  if (!second) return `${name(first.country)} only`;
  // A full list may have been cut: five listed means five or more, and "5+" would claim more than five.
  const full = top.length >= COUNTRIES_LISTED_MAX;
  const whole = Math.max(
    c.networksInWindow ?? 0,
    top.reduce((s, t) => s + t.networks, 0),
  );
  if (first.networks * 2 > whole) return `Mostly ${name(first.country)} · ${full ? 'at least ' : ''}${top.length} countries`;
  const two = `${name(first.country)}${top.length === 2 ? ' and ' : ', '}${name(second.country)}`;
  if (top.length === 2) return two;
  return `${two} and ${full ? 'at least ' : ''}${top.length - 2} more`;
}
