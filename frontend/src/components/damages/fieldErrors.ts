// The API's 422 problems by field path (`inputs.lines.0.hourly_rate`), for the editor to put each reason next
// to the input it names.
import { ApiError } from '../../api/client'

export interface FieldProblem {
  field: string
  reason: string
}

export class FieldErrors {
  static readonly none = new FieldErrors([])

  readonly all: readonly FieldProblem[]

  constructor(problems: readonly FieldProblem[]) {
    this.all = problems
  }

  static of(error: unknown): FieldErrors {
    if (error instanceof ApiError && error.status === 422 && Array.isArray(error.problem.errors)) {
      return new FieldErrors(error.problem.errors)
    }
    return FieldErrors.none
  }

  /** The reasons given for `path`, and with `nested` also for anything under it (`inputs.unbilled_months.0`). */
  at(path: string, nested = false): string[] {
    return this.all.filter((p) => p.field === path || (nested && p.field.startsWith(`${path}.`))).map((p) => p.reason)
  }

  /** The problems no input of the form shows (`shown`: the paths it has inputs for; `nested`: paths shown
   * with everything under them). */
  elsewhere(shown: Set<string>, nested: readonly string[] = []): FieldProblem[] {
    return this.all.filter((p) => !shown.has(p.field) && !nested.some((n) => p.field.startsWith(`${n}.`)))
  }

  get size(): number {
    return this.all.length
  }
}
