import { describe, expect, it } from 'vitest'
import { formatSize } from './exhibitQueries'
import { stubXhr } from './testXhr'
import { contentTypeOf, putFile, sha256Hex, UploadError } from './upload'

describe('sha256Hex', () => {
  it('gives the hex SHA-256 of a file (FIPS 180-2 test vector "abc")', async () => {
    expect(await sha256Hex(new File(['abc'], 'abc.txt'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})

describe('contentTypeOf', () => {
  it('keeps a plain type and sends anything else as octet-stream', () => {
    expect(contentTypeOf(new File(['x'], 'a.pdf', { type: 'application/pdf' }))).toBe('application/pdf')
    expect(contentTypeOf(new File(['x'], 'a.bin'))).toBe('application/octet-stream')
    expect(contentTypeOf(new File(['x'], 'a.txt', { type: 'text/plain;charset=utf-8' }))).toBe('application/octet-stream')
  })
})

describe('putFile', () => {
  it('rejects with the storage’s status and message, or with a network error', async () => {
    const Xhr = stubXhr()
    const file = new File(['abc'], 'abc.txt')
    const refused = putFile('http://s3.test/x', {}, file, () => {})
    const refusal = refused.done.catch((e: unknown) => e)
    await Xhr.sent[0].respond(400, '<Error><Code>BadDigest</Code><Message>The Content-MD5 you specified did not match</Message></Error>')
    expect(await refusal).toMatchObject({ reason: 'storage', status: 400, detail: 'BadDigest: The Content-MD5 you specified did not match' })

    const unreachable = putFile('http://s3.test/x', {}, file, () => {}).done.catch((e: unknown) => e)
    await Xhr.sent[1].fail()
    const error = await unreachable
    expect(error).toBeInstanceOf(UploadError)
    expect((error as UploadError).reason).toBe('network')
  })

  it('reports the bytes sent and all of them once stored', async () => {
    const Xhr = stubXhr()
    const seen: [number, number][] = []
    const transfer = putFile('http://s3.test/x', { 'Content-Type': 'text/plain' }, new File(['abcdef'], 'a.txt'), (l, t) => seen.push([l, t]))
    await Xhr.sent[0].progress(2, 6)
    await Xhr.sent[0].respond(200)
    await transfer.done
    expect(seen).toEqual([
      [2, 6],
      [6, 6],
    ])
  })
})

describe('formatSize', () => {
  it('reads as bytes, KB or MB', () => {
    expect(formatSize(11)).toBe('11 B')
    expect(formatSize(120_000)).toBe('117.2 KB')
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB')
  })
})
