import { sha1 } from '@noble/hashes/legacy.js'
import type { Attachment, CodeableConcept, DocumentReference, Reference } from 'fhir/r4.js'
import { equalBytes, fromBase64, toBase64 } from '../crypto/utils/bytes.js'
import { AttachmentIntegrityError, InvalidFhirResourceError } from '../errors/fhir.js'
import { validateFhirRecord } from './validateFhirRecord.js'

/**
 * The parameters of {@link createDocumentReference}.
 *
 * @example
 * ```ts
 * const parameters: CreateDocumentReferenceParameters = {
 *   data: pdfBytes,
 *   contentType: 'application/pdf',
 *   title: 'Discharge summary',
 *   patientRef: 'Patient/example',
 * }
 * ```
 */
export type CreateDocumentReferenceParameters = {
  /** The file's bytes. */
  data: Uint8Array
  /** Its MIME type: `application/pdf`, `application/dicom`, `image/jpeg`, `text/plain; charset=utf-8`, … */
  contentType: string
  /** A title for people (`Attachment.title`). */
  title?: string | undefined
  /** The patient: a reference string (`Patient/123`) or a Reference. */
  patientRef?: string | Reference | undefined
  /** The kind of document (`DocumentReference.type`, e.g. LOINC 18842-5 Discharge summary). */
  type?: CodeableConcept | undefined
  /** When the reference was made (`DocumentReference.date`); omitted if not given, to stay deterministic. */
  date?: Date | undefined
  /** When the file was made (`Attachment.creation`). */
  creation?: Date | undefined
  /** `DocumentReference.description`. */
  description?: string | undefined
  /** Human language of the content (BCP 47, e.g. `en`). */
  language?: string | undefined
}

const mimeType = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;\s*[^\s;]+=[^;]+)*$/

const baseType = (contentType: string) => contentType.split(';')[0]?.trim().toLowerCase() ?? ''

/** Checks the file looks like its content type, for the two types MedChain recognises. */
function sniff(data: Uint8Array, contentType: string): string | undefined {
  const type = baseType(contentType)
  if (type === 'application/dicom') {
    // DICOM Part 10: a 128-byte preamble, then "DICM".
    const ok =
      data.length >= 132 &&
      data[128] === 0x44 &&
      data[129] === 0x49 &&
      data[130] === 0x43 &&
      data[131] === 0x4d
    if (!ok)
      return 'is application/dicom but the data has no "DICM" prefix at byte 128 (not a DICOM Part 10 file)'
  }
  if (type === 'application/pdf') {
    // "%PDF-" must appear within the first 1024 bytes.
    const head = data.subarray(0, 1024)
    let found = false
    for (let i = 0; i + 5 <= head.length && !found; i++)
      found =
        head[i] === 0x25 &&
        head[i + 1] === 0x50 &&
        head[i + 2] === 0x44 &&
        head[i + 3] === 0x46 &&
        head[i + 4] === 0x2d
    if (!found) return 'is application/pdf but the data has no "%PDF-" header'
  }
  return undefined
}

/**
 * Wraps a file (PDF, DICOM, image, text, …) in a FHIR R4 DocumentReference, the file inline as a
 * base64 attachment with its `size` and `hash` (SHA-1, base64, as FHIR `Attachment.hash` defines),
 * ready to validate, encrypt and store as one record.
 *
 * A DocumentReference whose attachments are all `application/dicom` maps to the imaging scope;
 * any other goes to documents (see `scopeForResource`). The file is checked against its content
 * type for PDF (`%PDF-` header) and DICOM (`DICM` at byte 128). The result is deterministic: no
 * id and no `date` unless you pass one.
 *
 * @param parameters - The file, its content type, and optional title, patient and type.
 * @returns A DocumentReference with `status: 'current'` and one content attachment.
 * @throws {InvalidFhirResourceError} When `data` is not bytes, `contentType` is not a MIME type,
 * or the bytes do not match a PDF or DICOM content type.
 *
 * @example
 * ```ts
 * import { createDocumentReference } from '@medchain/sdk/fhir'
 *
 * const doc = createDocumentReference({
 *   data: new Uint8Array(await file.arrayBuffer()),
 *   contentType: 'application/pdf',
 *   title: 'Discharge summary',
 *   patientRef: 'Patient/example',
 * })
 * ```
 */
export function createDocumentReference(
  parameters: CreateDocumentReferenceParameters,
): DocumentReference {
  const { data, contentType, title, patientRef, type, date, creation, description, language } =
    parameters
  const at = 'DocumentReference.content[0].attachment'
  const fail = (path: string, message: string): never => {
    throw new InvalidFhirResourceError({
      resourceType: 'DocumentReference',
      issues: [{ path, message }],
    })
  }
  if (!(data instanceof Uint8Array)) fail(`${at}.data`, 'must be the file as a Uint8Array')
  if (typeof contentType !== 'string' || !mimeType.test(contentType))
    fail(`${at}.contentType`, 'must be a MIME type such as application/pdf or application/dicom')
  const mismatch = sniff(data, contentType)
  if (mismatch) fail(`${at}.contentType`, mismatch)

  const attachment: Attachment = {
    contentType,
    ...(language !== undefined && { language }),
    data: toBase64(data),
    size: data.length,
    hash: toBase64(sha1(data)),
    ...(title !== undefined && { title }),
    ...(creation !== undefined && { creation: creation.toISOString() }),
  }
  const subject: Reference | undefined =
    typeof patientRef === 'string' ? { reference: patientRef } : patientRef
  const doc: DocumentReference = {
    resourceType: 'DocumentReference',
    status: 'current',
    ...(type !== undefined && { type }),
    ...(subject !== undefined && { subject }),
    ...(date !== undefined && { date: date.toISOString() }),
    ...(description !== undefined && { description }),
    content: [{ attachment }],
  }
  return validateFhirRecord(doc) as DocumentReference
}

/**
 * A file taken out of a DocumentReference by {@link extractAttachment}.
 *
 * @example
 * ```ts
 * const { data, contentType }: ExtractedAttachment = extractAttachment(doc)
 * ```
 */
export type ExtractedAttachment = {
  /** The file's bytes, checked against `size` and `hash` when the attachment declares them. */
  data: Uint8Array
  /** The attachment's MIME type. */
  contentType: string
  title?: string | undefined
}

/**
 * The options of {@link extractAttachment}.
 *
 * @example
 * ```ts
 * const options: ExtractAttachmentOptions = { index: 1 }
 * ```
 */
export type ExtractAttachmentOptions = {
  /** Which `content` entry to read (default 0). */
  index?: number | undefined
}

/**
 * Takes the file out of a DocumentReference: decodes the inline base64 `data` and checks it
 * against the attachment's `size` and `hash` (SHA-1, base64) when they are present.
 *
 * @param doc - A DocumentReference (validated first with `validateFhirRecord`).
 * @param options - `index` of the `content` entry (default 0).
 * @returns The bytes and content type.
 * @throws {InvalidFhirResourceError} When the DocumentReference is invalid, or the attachment has
 * no inline `data` (only a `url`) or no `contentType`.
 * @throws {AttachmentIntegrityError} When the data does not match `size` or `hash`.
 *
 * @example
 * ```ts
 * import { extractAttachment } from '@medchain/sdk/fhir'
 *
 * const { data, contentType } = extractAttachment(doc)
 * const blob = new Blob([data], { type: contentType })
 * ```
 */
export function extractAttachment(
  doc: DocumentReference,
  options: ExtractAttachmentOptions = {},
): ExtractedAttachment {
  const checked = validateFhirRecord(doc)
  const index = options.index ?? 0
  const path = `DocumentReference.content[${index}].attachment`
  const fail = (where: string, message: string): never => {
    throw new InvalidFhirResourceError({
      resourceType: 'DocumentReference',
      issues: [{ path: where, message }],
    })
  }
  if (checked.resourceType !== 'DocumentReference')
    fail(
      'DocumentReference.resourceType',
      `must be DocumentReference (received ${checked.resourceType})`,
    )
  const attachment = (checked as DocumentReference).content[index]?.attachment
  if (!attachment) return fail(`DocumentReference.content[${index}]`, 'required')
  if (attachment.data === undefined)
    fail(`${path}.data`, 'required (the file is not inline; fetch attachment.url yourself)')
  if (attachment.contentType === undefined) fail(`${path}.contentType`, 'required')

  const bytes = fromBase64((attachment.data as string).replace(/\s+/g, ''))
  if (!bytes) return fail(`${path}.data`, 'must be canonical base64 (RFC 4648)')
  if (attachment.size !== undefined && attachment.size !== bytes.length)
    throw new AttachmentIntegrityError({
      field: 'size',
      expected: String(attachment.size),
      actual: String(bytes.length),
      path,
    })
  if (attachment.hash !== undefined) {
    const declared = fromBase64(attachment.hash.replace(/\s+/g, ''))
    const actual = sha1(bytes)
    if (!declared || !equalBytes(declared, actual))
      throw new AttachmentIntegrityError({
        field: 'hash',
        expected: attachment.hash,
        actual: toBase64(actual),
        path,
      })
  }
  return {
    data: bytes,
    contentType: attachment.contentType as string,
    ...(attachment.title !== undefined && { title: attachment.title }),
  }
}
