import { useTranslation } from 'react-i18next'

type Crumb = { key: string; label: string; onOpen?(): void }

/** Where the map is: kabupaten › kecamatan › desa. Every level above the last is a way back to it. */
export function Breadcrumb({ crumbs }: { crumbs: Crumb[] }) {
  const { t } = useTranslation()
  return (
    <nav className="peta-crumbs" aria-label={t('peta.crumbs')} data-testid="peta-crumbs">
      {crumbs.length > 1 && crumbs[crumbs.length - 2].onOpen && (
        <button
          type="button"
          className="button peta-back"
          data-testid="peta-back"
          aria-label={t('peta.back')}
          title={t('peta.back')}
          onClick={crumbs[crumbs.length - 2].onOpen}
        >
          ←
        </button>
      )}
      <ol>
        {crumbs.map((c, i) => (
          <li key={c.key}>
            {i < crumbs.length - 1 && c.onOpen ? (
              <button type="button" className="peta-crumb" data-testid={`peta-crumb-${i}`} onClick={c.onOpen}>
                {c.label}
              </button>
            ) : (
              <span className="peta-crumb is-here" aria-current="location" data-testid={`peta-crumb-${i}`}>
                {c.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  )
}
