// Wall mode (/dinding): kiosk panels for the control-room monitors, outside the app frame — no menu, no filters,
// nothing to click. A set of panels rotates (or one panel stays, /dinding/peta, one browser per monitor), with the
// kabupaten's clock, when data last came in, an alarm when a complaint passes its deadline, and a banner with the
// time of the last data when the server cannot be reached. Read-only by design: it runs as the viewer profile and
// its one API call (wall.snapshot) answers the same safe data to every role.
import { useParams, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FiltersProvider, useFilters } from '#renderer/filters/filters.tsx'
import { useConnection } from '#renderer/api/connection.ts'
import { Clock } from '#renderer/components/Clock.tsx'
import { formatDate, formatNumber, formatWhen } from '#renderer/format.ts'
import { PANELS, wallConfig, type PanelKey } from './config.ts'
import { useWallData, type Alarm, type WallSnapshot } from './useWallData.ts'
import { IsuAlarm } from './IsuAlarm.tsx'
import { useRotation } from './useRotation.ts'
import { KpiPanel } from './panels/KpiPanel.tsx'
import { MapPanel } from './panels/MapPanel.tsx'
import { OpdPanel } from './panels/OpdPanel.tsx'
import { FeedPanel } from './panels/FeedPanel.tsx'
import { OverduePanel } from './panels/OverduePanel.tsx'
import './wall.css'

export function WallScreen() {
  return (
    <FiltersProvider>
      <Wall />
    </FiltersProvider>
  )
}

function Wall() {
  const { t } = useTranslation()
  const { panel: pathPanel } = useParams()
  const [params] = useSearchParams()
  const config = wallConfig(pathPanel || undefined, params)
  const { kabupaten, period, today } = useFilters()
  const data = useWallData(kabupaten?.kode, period, config.refreshMs, config.alarmMs)
  const index = useRotation(config.panels, config.isRotating, config.rotateMs, data.alarmSerial)
  const connection = useConnection()
  const panel = config.panels[index] as PanelKey | undefined
  const s = data.snapshot
  const timeZone = kabupaten?.time_zone ?? 'Asia/Jakarta'
  const isStale = data.isStale || connection.isLost
  const hasAlarm = data.alarms.length > 0

  return (
    <div
      className={`wall ${hasAlarm ? 'has-alarm' : ''}`}
      data-testid="wall"
      data-panel={panel ?? ''}
      data-kabupaten={kabupaten?.kode ?? ''}
      data-ready={s ? '1' : '0'}
      data-stale={isStale ? '1' : '0'}
    >
      <header className="wall-head">
        <div className="wall-title">
          <span className="wall-kabupaten">{kabupaten?.nama ?? '…'}</span>
          <h1 className="wall-panel-title" data-testid="wall-panel-title">
            {panel ? t(`wall.panels.${panel}`) : t('wall.title')}
          </h1>
        </div>
        <div className="wall-status">
          <SyncStatus s={s} timeZone={timeZone} today={today} />
          {kabupaten && <Clock timeZone={kabupaten.time_zone} />}
        </div>
      </header>
      {hasAlarm && <AlarmBanner alarms={data.alarms} />}
      <IsuAlarm kabupaten={kabupaten?.kode} />
      {isStale && s && (
        <div className="wall-stale" role="alert" data-testid="wall-stale">
          {t('wall.stale', { when: data.receivedAt ? formatWhen(data.receivedAt, timeZone, today) : '–' })}
        </div>
      )}
      <main className="wall-body">
        {config.unknown ? (
          <p className="wall-empty" data-testid="wall-unknown-panel">
            {t('wall.unknownPanel', { panel: config.unknown, known: PANELS.join(', ') })}
          </p>
        ) : !s || !panel ? (
          <p className="wall-empty">{t('wall.loading')}</p>
        ) : (
          <Panel panel={panel} s={s} alarms={data.alarms} today={today} />
        )}
      </main>
      <footer className="wall-foot">
        {config.isRotating && config.panels.length > 1 && (
          <ol className="wall-dots" aria-hidden="true">
            {config.panels.map((p, i) => (
              <li key={p} className={i === index ? 'is-current' : ''}>
                {t(`wall.panels.${p}`)}
              </li>
            ))}
          </ol>
        )}
        <span className="wall-period">{t('wall.period', { from: formatDate(period.from), to: formatDate(period.to) })}</span>
      </footer>
    </div>
  )
}

function Panel({ panel, s, alarms, today }: { panel: PanelKey; s: WallSnapshot; alarms: Alarm[]; today: string }) {
  switch (panel) {
    case 'kpi':
      return <KpiPanel s={s} />
    case 'peta':
      return <MapPanel s={s} />
    case 'opd':
      return <OpdPanel s={s} />
    case 'terbaru':
      return <FeedPanel s={s} today={today} />
    case 'terlambat':
      return <OverduePanel s={s} alarms={alarms} today={today} />
  }
}

function SyncStatus({ s, timeZone, today }: { s: WallSnapshot | undefined; timeZone: string; today: string }) {
  const { t } = useTranslation()
  if (!s) return null
  const { lastSyncedAt, lastChangeAt } = s.sync
  return (
    <span className="wall-sync" data-testid="wall-sync" data-synced-at={lastSyncedAt ?? ''} data-changed-at={lastChangeAt ?? ''}>
      {lastSyncedAt !== null ? t('wall.sync.at', { when: formatWhen(lastSyncedAt, timeZone, today) }) : t('wall.sync.never')}
      {lastChangeAt !== null && <> · {t('wall.sync.change', { when: formatWhen(lastChangeAt, timeZone, today) })}</>}
    </span>
  )
}

function AlarmBanner({ alarms }: { alarms: Alarm[] }) {
  const { t } = useTranslation()
  const first = alarms[0].case
  return (
    <div className="wall-alarm" role="alert" data-testid="wall-alarm" data-count={alarms.length} data-tracking-id={first.tracking_id}>
      <strong className="wall-alarm-title">{t('wall.alarm.title')}</strong>
      <span>
        #{first.tracking_id} {first.judul ?? t('wall.rahasia')}
        {first.kecamatan ? ` · ${first.kecamatan}` : ''}
        {first.unit ? ` · ${first.unit}` : ''}
      </span>
      {alarms.length > 1 && <span className="wall-alarm-count">{t('wall.alarm.count', { n: formatNumber(alarms.length) })}</span>}
    </div>
  )
}
