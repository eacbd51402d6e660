// An audit entry's before/after made readable: both flattened to paths (inputs.lines[0].hours) and compared, so a
// change shows as "path: before → after" for the leaves that differ.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export interface Change {
  path: string
  before: Json | undefined
  after: Json | undefined
}

function flatten(value: Json | undefined, path: string, out: Map<string, Json>): void {
  if (value === undefined) return
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, [])
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out))
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
    if (keys.length === 0 && path) out.set(path, {})
    for (const key of keys) flatten(value[key], path ? `${path}.${key}` : key, out)
  } else {
    out.set(path, value)
  }
}

/** The leaves that differ between before and after (either may be missing: a creation or a deletion). */
export function diff(before: Json | undefined, after: Json | undefined): Change[] {
  const a = new Map<string, Json>()
  const b = new Map<string, Json>()
  flatten(before, '', a)
  flatten(after, '', b)
  const paths = [...new Set([...a.keys(), ...b.keys()])]
  return paths
    .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))
    .map((path) => ({ path, before: a.get(path), after: b.get(path) }))
}
