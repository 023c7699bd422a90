// Words for times and durations, kept locale-neutral so tests and screenshots read the same everywhere.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "45 s", "12 min", "1 h 5 min", "2 days 3 h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const days = Math.floor(h / 24);
  const rest = h % 24;
  const dayWord = days === 1 ? 'day' : 'days';
  return rest ? `${days} ${dayWord} ${rest} h` : `${days} ${dayWord}`;
}

/** "just now", "12 s ago", "6 min ago". */
export function formatAgo(at: number, now: number): string {
  const ms = now - at;
  if (ms < 5_000) return 'just now';
  return `${formatDuration(ms)} ago`;
}

/** "14:02" today, "Nov 21 14:02" otherwise. */
export function formatClock(at: number, now: number): string {
  const d = new Date(at);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const n = new Date(now);
  const sameDay = d.getFullYear() === n.getFullYear() && d.getMonth() === n.getMonth() && d.getDate() === n.getDate();
  return sameDay ? time : `${MONTHS[d.getMonth()] ?? ''} ${d.getDate()} ${time}`;
}

/** "since 14:02 (12 min)", "since 14:02" in its first minute, or '' when the start is unknown. */
export function formatSince(since: number | null, now: number): string {
  if (since === null) return '';
  const clock = `since ${formatClock(since, now)}`;
  return now - since < 60_000 ? clock : `${clock} (${formatDuration(now - since)})`;
}
