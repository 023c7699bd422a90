// While iMessage is down, messages can still go as SMS: say how.

/** The "send as text message" tip. */
export function SmsTip() {
  return (
    <aside className="tip" aria-label="Tip" data-testid="sms-tip">
      <strong>Tip:</strong> your messages can still go as text messages. Long-press the message bubble and choose{' '}
      <em>Send as Text Message</em>, or turn on <em>Settings → Messages → Send as Text Message</em>.
    </aside>
  );
}
