// Aturan penilaian: the rules in force by which a complaint counts for or against an OPD (docs/kpi-rules.md), in
// the admin's words, with this kabupaten's numbers and the unit of its completion cap.
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'

const RULES = ['verification', 'tunda', 'response', 'misroute', 'autoClose', 'cap', 'recap'] as const

export function ScoringRulesPanel({ kabupaten }: { kabupaten: string }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const r = useQuery(trpc.calendar.rules.queryOptions({ kabupaten })).data
  if (!r) return <Panel title={t('pengaturan.scoring.title')}>{null}</Panel>
  const values = {
    verification: r.verificationDays,
    response: r.firstResponseDays,
    autoClose: r.autoCloseDays,
    cap: r.completionCapDays,
    unit: t(`pengaturan.rules.capUnits.${r.completionCapUnit}`),
  }
  return (
    <Panel title={t('pengaturan.scoring.title')} testId="scoring-rules">
      <ol className="scoring-rules">
        {RULES.map((rule) => (
          <li key={rule} data-testid={`scoring-${rule}`}>
            {t(`pengaturan.scoring.${rule}`, values)}
          </li>
        ))}
      </ol>
      <p className="note">{t('pengaturan.scoring.doc')}</p>
    </Panel>
  )
}
