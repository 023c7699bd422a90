// While iMessage is down, messages can still go as SMS: say how, on the device the popover runs on. A Mac sends SMS
// only through an iPhone (Text Message Forwarding), so iPhone gestures and settings paths never appear on a Mac.

/** The "send as text message" tip; `platform` is the engine's (process.platform), `macSentSms` from Messages' counts. */
export function SmsTip({ platform, macSentSms }: { platform: string | undefined; macSentSms: boolean }) {
  if (platform !== 'darwin') {
    return (
      <aside className="tip" aria-label="Tip" data-testid="sms-tip">
        <strong>Tip:</strong> use your iPhone to send it as a text message.
      </aside>
    );
  }
  return (
    <aside className="tip" aria-label="Tip" data-testid="sms-tip">
      <strong>Tip:</strong> send it from your iPhone as a text message.
      {macSentSms && (
        <>
          {' '}
          On this Mac: Control-click the message, then choose <em>Send as Text Message</em>.
        </>
      )}
    </aside>
  );
}
