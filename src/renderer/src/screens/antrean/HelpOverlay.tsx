// The keyboard shortcuts, on screen ('?').
import { useTranslation } from 'react-i18next'
import { Dialog } from '#renderer/components/Dialog.tsx'

const KEYS: [keys: string[], what: string][] = [
  [['j', '↓'], 'down'],
  [['k', '↑'], 'up'],
  [['Enter'], 'open'],
  [['v'], 'verify'],
  [['d'], 'disposition'],
  [['t'], 'tunda'],
  [['b'], 'bukan_wewenang'],
  [['a'], 'arsip'],
  [['n'], 'note'],
  [['s'], 'suggest'],
  [['x'], 'select'],
  [['Shift', 'klik'], 'range'],
  [['/'], 'search'],
  [['1', '…', '9'], 'queue'],
  [['Esc'], 'close'],
  [['?'], 'help'],
]

export function HelpOverlay({ onClose }: { onClose(): void }) {
  const { t } = useTranslation()
  return (
    <Dialog title={t('antrean.help.title')} closeLabel={t('antrean.close')} onClose={onClose} testId="help-overlay" className="help-dialog">
      <p className="note">{t('antrean.help.intro')}</p>
      <dl className="help-keys">
        {KEYS.map(([keys, what]) => (
          <div key={what} className="help-row">
            <dt>
              {keys.map((k) =>
                k === '…' ? (
                  <span key={k}> … </span>
                ) : (
                  <kbd key={k}>{k === 'klik' ? t('antrean.help.click') : k}</kbd>
                ),
              )}
            </dt>
            <dd>{t(`antrean.help.keys.${what}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="note">{t('antrean.help.dialogKeys')}</p>
    </Dialog>
  )
}
