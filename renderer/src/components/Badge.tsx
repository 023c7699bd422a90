// A status colour with its symbol; the word beside it is what screen readers read.
import type { StatusLook } from '../view/status-words.ts';

/** Coloured dot + symbol; pair it with visible words. */
export function Badge({ look }: { look: StatusLook }) {
  return (
    <span className={`badge tone-${look.tone}`} aria-hidden="true">
      {look.glyph}
    </span>
  );
}
