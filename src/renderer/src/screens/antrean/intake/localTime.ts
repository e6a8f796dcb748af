// <input type="datetime-local"> speaks wall time without a zone; the time a complaint was received is the
// kabupaten's wall time (WITA in Kutai Timur), whatever zone the operator's PC is set to.

/** An instant as "YYYY-MM-DDTHH:mm" in a zone `offsetMinutes` from UTC. */
export function toLocalInput(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16)
}

/** "YYYY-MM-DDTHH:mm" in that zone back to an instant; null when the text is not such a value. */
export function fromLocalInput(value: string, offsetMinutes: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value)
  if (!m) return null
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) - offsetMinutes * 60_000
}
