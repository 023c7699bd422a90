// Browser mode's popover page: the first data written into it as an inert JSON block that no text can break out of.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contracts/settings.ts';
import { INITIAL_DATA_ELEMENT_ID, type InitialData } from '../../contracts/popover-page.ts';
import { dataBlockJson, wantsInitialData, withInitialData } from '../../main/web/popover-page.ts';
import { healthySnapshot } from '../renderer/fixtures.ts';

const PAGE =
  '<!doctype html><html><head><script type="module" crossorigin src="./assets/index-abc.js"></script>' +
  '<link rel="stylesheet" crossorigin href="./assets/index-def.css"></head><body><div id="root"></div></body></html>';

/** A snapshot whose words try to end the script element, open a comment and break a line in old parsers. */
function hostileData(): InitialData {
  const snapshot = healthySnapshot();
  snapshot.overall.headline = '</script><script>alert(1)</script><!-- \u2028\u2029 </SCRIPT >';
  return { snapshot, settings: structuredClone(DEFAULT_SETTINGS) };
}

describe('popover page', () => {
  it('writes the data as JSON with no "<" in it, which parses back to the same value', () => {
    const data = hostileData();
    const json = dataBlockJson(data);
    expect(json).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(data);
  });

  it('puts one inert data block before </body>, which ends at its own closing tag and parses back whole', () => {
    const data = hostileData();
    const html = withInitialData(PAGE, data);
    const open = `<script type="application/json" id="${INITIAL_DATA_ELEMENT_ID}">`;
    const start = html.indexOf(open) + open.length;
    // An HTML parser ends script data at the first "</script" whatever its case; "<!--" would change how it reads on.
    const end = html.toLowerCase().indexOf('</script', start);
    expect(html.slice(start, end)).not.toContain('<!--');
    expect(JSON.parse(html.slice(start, end))).toEqual(data);
    expect(html.slice(end)).toBe('</script></body></html>');
    expect(html.slice(0, html.indexOf(open))).toBe(PAGE.slice(0, PAGE.indexOf('</body>')));
    expect(withInitialData('<!doctype html><title>x</title>', data)).toMatch(
      /^<!doctype html><title>x<\/title><script type="application\/json"/,
    );
  });

  it('gives the data to top-level page loads only', () => {
    const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
    expect(wantsInitialData(req({ 'sec-fetch-dest': 'document' }))).toBe(true);
    expect(wantsInitialData(req({ 'sec-fetch-dest': 'empty' }))).toBe(false);
    expect(wantsInitialData(req({ 'sec-fetch-dest': 'iframe' }))).toBe(false);
    expect(wantsInitialData(req({}))).toBe(false);
  });
});
