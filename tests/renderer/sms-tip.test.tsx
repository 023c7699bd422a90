// @vitest-environment jsdom
// The SMS tip fits the device the popover runs on (platform injected): never iPhone gestures on a Mac.
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SmsTip } from '../../renderer/src/components/SmsTip.tsx';

afterEach(cleanup);
const IPHONE_WORDING = /long-press|bubble|Settings → Messages/i;

describe('SMS tip per platform', () => {
  it('on macOS says to send from the iPhone, and how on this Mac only when it sent SMS recently', () => {
    const plain = render(<SmsTip platform="darwin" macSentSms={false} />).getByTestId('sms-tip').textContent ?? '';
    expect(plain).toContain('from your iPhone');
    expect(plain).not.toMatch(/Control-click/);
    cleanup();
    const withSms = render(<SmsTip platform="darwin" macSentSms={true} />).getByTestId('sms-tip').textContent ?? '';
    expect(withSms).toContain('Control-click the message, then choose Send as Text Message');
    for (const text of [plain, withSms]) expect(text).not.toMatch(IPHONE_WORDING);
  });

  it.each(['win32', 'linux'])('on %s says "use your iPhone"', (platform) => {
    const text = render(<SmsTip platform={platform} macSentSms={true} />).getByTestId('sms-tip').textContent ?? '';
    expect(text).toContain('use your iPhone');
    expect(text).not.toMatch(/Control-click|Mac/);
    expect(text).not.toMatch(IPHONE_WORDING);
  });
});
