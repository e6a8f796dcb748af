// The row of triage buttons, each with its key. A button the role can never use is disabled and says why; the
// server still checks every request.
import { useTranslation } from 'react-i18next'
import type { Role } from '#shared/domain.ts'
import { ACTION_KEYS, ACTIONS, isReassign, roleBlock, type ActionKind, type ActionTarget } from './actions.ts'

type ActionButtonsProps = {
  role: Role | undefined
  targets: ActionTarget[]
  onAction(action: ActionKind, targets: ActionTarget[]): void
  testIdPrefix: string
}

export function ActionButtons({ role, targets, onAction, testIdPrefix }: ActionButtonsProps) {
  const { t } = useTranslation()
  return (
    <div className="action-buttons" role="group" aria-label={t('antrean.actions.label')}>
      {ACTIONS.map((action) => {
        const block = roleBlock(role, action, targets)
        const label = actionLabel(action, targets, t)
        return (
          <button
            key={action}
            type="button"
            className={`button action-button action-${action}`}
            disabled={block !== null || targets.length === 0}
            title={block ? t(`antrean.actions.blocked.${block}`) : t('antrean.actions.keyHint', { key: ACTION_KEYS[action] })}
            data-testid={`${testIdPrefix}-${action}`}
            onClick={() => onAction(action, targets)}
          >
            <kbd>{ACTION_KEYS[action]}</kbd> {label}
          </button>
        )
      })}
    </div>
  )
}

export function actionLabel(action: ActionKind, targets: ActionTarget[], t: ReturnType<typeof useTranslation>['t']): string {
  return action === 'disposition' && isReassign(targets) ? t('antrean.actions.reassign') : t(`antrean.actions.${action}`)
}
