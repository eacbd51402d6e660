import { describe, expect, it } from 'vitest'
import { allowsProceeding, DOCUMENTS, isActive, kilobytes, ruleOf, shortHash } from './documents'

describe('the documents and what they need', () => {
  it('knows whom each document is about', () => {
    const by = (target: string) => DOCUMENTS.filter((d) => ruleOf(d).target === target)
    expect(by('claimant')).toEqual(['damage-schedule', 'engagement-contract', 'power-of-attorney'])
    expect(by('proceeding')).toEqual(['complaint-bundle', 'complaint', 'claim-table', 'party-list', 'mediation-petition', 'mints-package'])
    expect(by('either')).toEqual(['evidence-list'])
    expect(DOCUMENTS.filter((d) => ruleOf(d).optionalProceeding)).toEqual(['damage-schedule'])
  })

  it('offers the formats each document comes in', () => {
    expect(ruleOf('mints-package').formats).toEqual(['zip'])
    expect(ruleOf('complaint-bundle').formats).toEqual(['pdf'])
    for (const d of DOCUMENTS.filter((d) => d !== 'mints-package' && d !== 'complaint-bundle')) {
      expect(ruleOf(d).formats).toEqual(['pdf', 'docx'])
    }
  })

  it('offers every document but the breach notices, which notify makes from its campaigns', () => {
    expect(DOCUMENTS).not.toContain('breach-notice-letter')
    expect(DOCUMENTS).not.toContain('public-notice')
    expect(DOCUMENTS).toContain('complaint-bundle')
  })

  it('makes the mediation petition for mediations only, the complaint and what carries it for lawsuits only', () => {
    expect(allowsProceeding('mediation-petition', 'mediation')).toBe(true)
    expect(allowsProceeding('mediation-petition', 'lawsuit')).toBe(false)
    expect(allowsProceeding('complaint', 'lawsuit')).toBe(true)
    expect(allowsProceeding('complaint', 'mediation')).toBe(false)
    expect(allowsProceeding('mints-package', 'mediation')).toBe(false)
    expect(allowsProceeding('party-list', 'mediation')).toBe(true)
  })

  it('names files, sizes and hashes', () => {
    expect(kilobytes(254_976)).toBe('249')
    expect(kilobytes(100)).toBe('1')
    expect(kilobytes(5_000_000)).toBe('4,883')
    expect(shortHash('9f86d081884c7d659a2feaa0c55ad015')).toBe('9f86d081884c')
  })

  it('polls queued and running jobs only', () => {
    expect(['queued', 'running', 'succeeded', 'failed'].map((status) => isActive({ status } as never))).toEqual([true, true, false, false])
    expect(isActive(undefined)).toBe(false)
  })
})
