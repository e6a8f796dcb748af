import { useNow } from '../hooks.ts'
import { formatClock, zoneLabel } from '../format.ts'

/** The kabupaten's local time, so a wall screen in Jakarta still shows Sangatta's day. */
export function Clock({ timeZone }: { timeZone: string }) {
  const { date, time } = formatClock(useNow(5_000), timeZone)
  return (
    <div className="clock" data-testid="clock">
      <span className="clock-time">
        {time} <span className="clock-zone">{zoneLabel(timeZone)}</span>
      </span>
      <span className="clock-date">{date}</span>
    </div>
  )
}
