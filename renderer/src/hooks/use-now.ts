// The current time, re-read on an interval so "… ago" wording stays true.
import { useEffect, useState } from 'react';

/** Epoch ms, refreshed every `everyMs`. */
export function useNow(everyMs = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
