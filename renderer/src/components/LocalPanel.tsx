// "Is it just me?": the verdict about the user's own network, with what to try.
import type { LocalVerdict } from '../../../contracts/status.ts';
import { LOCAL_LOOK } from '../view/status-words.ts';
import { Badge } from './Badge.tsx';

/** The local verdict in a sentence, the advice and any notes. */
export function LocalPanel({ local }: { local: LocalVerdict }) {
  const look = LOCAL_LOOK[local.verdict];
  return (
    <section className="panel local" aria-labelledby="local-title" data-testid="local" data-verdict={local.verdict}>
      <h2 id="local-title" className="section-title">
        Is it just me?
      </h2>
      <p className="local-verdict">
        <Badge look={look} /> <strong>{look.word}.</strong> {local.explanation}
      </p>
      {local.advice && (
        <p className="advice">
          <strong>Try this:</strong> {local.advice}
        </p>
      )}
      {local.notes.length > 0 && (
        <ul className="notes">
          {local.notes.map((note) => (
            <li key={note.kind}>{note.text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
