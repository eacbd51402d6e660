// Generates src/api/<service>.d.ts from every OpenAPI document in openapi/ (written by `make openapi`).
// The generated files are committed; `make check` regenerates them and fails on drift.
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const specs = readdirSync(join(root, 'openapi')).filter((f) => f.endsWith('.json')).sort()
if (specs.length === 0) {
  console.error('gen:api: no OpenAPI documents in openapi/ (run `make openapi` first)')
  process.exit(1)
}
const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'openapi-typescript.cmd' : 'openapi-typescript')
for (const spec of specs) {
  const out = join('src', 'api', `${basename(spec, '.json')}.d.ts`)
  execFileSync(bin, [join('openapi', spec), '-o', out], { cwd: root, stdio: 'inherit' })
}
