// A screen loaded on first visit (its own chunk), drawn inside a Suspense boundary that says it is loading.
import { lazy, Suspense, type ComponentType } from 'react'
import { useTranslation } from 'react-i18next'

export function ScreenLoading() {
  const { t } = useTranslation()
  return (
    <p className="screen-loading" role="status" data-testid="screen-loading">
      {t('app.loading')}
    </p>
  )
}

/** `load` imports the screen's module; `name` is its exported component (screens use named exports). */
export function lazyScreen<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  const Lazy = lazy<ComponentType>(() => load().then((m) => ({ default: m[name] })))
  return function LazyScreen() {
    return (
      <Suspense fallback={<ScreenLoading />}>
        <Lazy />
      </Suspense>
    )
  }
}
