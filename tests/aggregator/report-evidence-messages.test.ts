// The aggregator keeps a report's Messages counts (three whole numbers) and refuses anything else under that key.
import { describe, expect, it } from 'vitest';
import { isInvalid, validateReport } from '../../aggregator/http/report-body.ts';

const base = { service: 'imessage', kind: 'problem', problem: 'not-delivered', clientId: '0b5c3f0e-7c1a-4f5e-9d3b-2a6c8e4f1a2b' };

describe('report evidence.messages', () => {
  it('keeps sent, failed and recipients', () => {
    const r = validateReport({ ...base, evidence: { local: 'online', messages: { sent: 5, failed: 3, recipients: 2 } } });
    if (isInvalid(r)) throw new Error(r.error);
    expect(JSON.parse(r.evidence ?? '{}')).toEqual({ local: 'online', messages: { sent: 5, failed: 3, recipients: 2 } });
  });

  it.each([
    { sent: 5, failed: 3 },
    { sent: 5, failed: 3, recipients: 2, text: 'hello' },
    { sent: -1, failed: 3, recipients: 2 },
    { sent: 1.5, failed: 3, recipients: 2 },
    'three',
  ])('refuses %j', (messages) => {
    const r = validateReport({ ...base, evidence: { messages } });
    expect(isInvalid(r) && r.field).toBe('evidence.messages');
  });
});
