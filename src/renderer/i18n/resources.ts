// All translations: the common files (id.json, en.json) plus one pair per screen in screens/<screen>.<lng>.json,
// so each screen owns its strings. Each screen file holds a single top-level key named after the screen.
type Tree = { [key: string]: string | Tree }

import id from './id.json'
import en from './en.json'
import { STATUS_LABELS } from '#shared/status.ts'

const screenFiles = import.meta.glob<Tree>('./screens/*.json', { eager: true, import: 'default' })

function merged(lng: 'id' | 'en', base: Tree): Tree {
  // Status names are LAPOR!'s own, read from the module the exports use too, so one map serves every language.
  const out: Tree = { ...base, status: { ...STATUS_LABELS[lng] } }
  for (const [path, tree] of Object.entries(screenFiles)) {
    if (!path.endsWith(`.${lng}.json`)) continue
    for (const [key, value] of Object.entries(tree)) {
      if (key in out) throw new Error(`i18n: kunci "${key}" dari ${path} sudah ada`)
      out[key] = value
    }
  }
  return out
}

export const resources = { id: merged('id', id as Tree), en: merged('en', en as Tree) }
