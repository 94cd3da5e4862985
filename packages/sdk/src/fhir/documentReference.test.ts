import { sha1 } from '@noble/hashes/legacy.js'
import { describe, expect, test } from 'vitest'
import { toBase64 } from '../crypto/utils/bytes.js'
import { AttachmentIntegrityError, InvalidFhirResourceError } from '../errors/fhir.js'
import { createDocumentReference, extractAttachment } from './documentReference.js'
import { scopeForResource } from './scopes.js'
import { validateFhirRecord } from './validateFhirRecord.js'

const pdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
)

// A minimal DICOM Part 10 file: 128-byte preamble, "DICM", then a (0002,0010) transfer syntax element.
const dicom = (() => {
  const tail = new TextEncoder().encode('\x02\x00\x10\x00UI\x14\x001.2.840.10008.1.2.1\x00')
  const bytes = new Uint8Array(132 + tail.length)
  bytes.set([0x44, 0x49, 0x43, 0x4d], 128)
  bytes.set(tail, 132)
  return bytes
})()

describe('createDocumentReference / extractAttachment', () => {
  test('a PDF round-trips, with size and SHA-1 hash', () => {
    const doc = createDocumentReference({
      data: pdf,
      contentType: 'application/pdf',
      title: 'Discharge summary',
      patientRef: 'Patient/pat-1042',
      date: new Date('2024-03-15T09:00:00Z'),
    })
    expect(doc).toEqual({
      resourceType: 'DocumentReference',
      status: 'current',
      subject: { reference: 'Patient/pat-1042' },
      date: '2024-03-15T09:00:00.000Z',
      content: [
        {
          attachment: {
            contentType: 'application/pdf',
            data: toBase64(pdf),
            size: pdf.length,
            hash: toBase64(sha1(pdf)),
            title: 'Discharge summary',
          },
        },
      ],
    })
    expect(validateFhirRecord(doc)).toBe(doc)
    expect(scopeForResource(doc)).toBe(7)
    const out = extractAttachment(doc)
    expect(out).toEqual({ data: pdf, contentType: 'application/pdf', title: 'Discharge summary' })
  })

  test('a DICOM file round-trips and maps to imaging', () => {
    const doc = createDocumentReference({
      data: dicom,
      contentType: 'application/dicom',
      title: 'CT head',
    })
    expect(doc.subject).toBeUndefined()
    expect(scopeForResource(doc)).toBe(6)
    expect(extractAttachment(doc).data).toEqual(dicom)
  })

  test('the same file gives the same resource (deterministic)', () => {
    const a = createDocumentReference({ data: pdf, contentType: 'application/pdf' })
    const b = createDocumentReference({ data: pdf, contentType: 'application/pdf' })
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  })

  test('a tampered attachment fails the hash check', () => {
    const doc = createDocumentReference({ data: pdf, contentType: 'application/pdf' })
    const tampered = pdf.slice()
    tampered[20] = (tampered[20] as number) ^ 0x01
    const attachment = doc.content[0]?.attachment
    if (!attachment) throw new Error('no attachment')
    attachment.data = toBase64(tampered)
    expect(() => extractAttachment(doc)).toThrowError(AttachmentIntegrityError)
    expect(() => extractAttachment(doc)).toThrowError(
      `DocumentReference.content[0].attachment.hash (SHA-1) is ${toBase64(sha1(pdf))} but the data hashes to ${toBase64(sha1(tampered))}.`,
    )
  })

  test('a truncated attachment fails the size check', () => {
    const doc = createDocumentReference({ data: dicom, contentType: 'application/dicom' })
    const attachment = doc.content[0]?.attachment
    if (!attachment) throw new Error('no attachment')
    attachment.data = toBase64(dicom.subarray(0, 132))
    expect(() => extractAttachment(doc)).toThrowError(
      `DocumentReference.content[0].attachment.size declares ${dicom.length} bytes but the data has 132.`,
    )
  })

  test('without size and hash the data is returned as is', () => {
    const doc = validateFhirRecord({
      resourceType: 'DocumentReference',
      status: 'current',
      content: [{ attachment: { contentType: 'text/plain', data: 'SGVs\nbG8=' } }],
    })
    expect(new TextDecoder().decode(extractAttachment(doc as never).data)).toBe('Hello')
  })

  test('a file that does not match its content type is refused', () => {
    expect(() =>
      createDocumentReference({ data: pdf, contentType: 'application/dicom' }),
    ).toThrowError(
      'DocumentReference.content[0].attachment.contentType: is application/dicom but the data has no "DICM" prefix at byte 128 (not a DICOM Part 10 file)',
    )
    expect(() =>
      createDocumentReference({ data: dicom, contentType: 'application/pdf' }),
    ).toThrowError('is application/pdf but the data has no "%PDF-" header')
    expect(() => createDocumentReference({ data: pdf, contentType: 'pdf' })).toThrowError(
      InvalidFhirResourceError,
    )
  })

  test('an attachment without inline data cannot be extracted', () => {
    const doc = validateFhirRecord({
      resourceType: 'DocumentReference',
      status: 'current',
      content: [
        { attachment: { contentType: 'application/pdf', url: 'https://example.org/a.pdf' } },
      ],
    })
    expect(() => extractAttachment(doc as never)).toThrowError(
      'DocumentReference.content[0].attachment.data: required (the file is not inline; fetch attachment.url yourself)',
    )
  })
})
