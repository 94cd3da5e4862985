// medchain record publish <file>: a FHIR JSON resource (checked, scope from its type) or any file
// (PDF, DICOM, ...) wrapped in a FHIR DocumentReference; encrypted here, stored by CID, anchored.
import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { PublishProgress } from '@medchain/sdk'
import { type Command, string } from '../command.js'
import { CliError, info, printJson, progressBar } from '../output.js'

const contentTypes: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.dcm': 'application/dicom',
  '.dicom': 'application/dicom',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.txt': 'text/plain',
  '.xml': 'application/xml',
}

/** Files at least this large get a progress bar (always with --progress). */
const progressThreshold = 1024 * 1024

export const recordPublish: Command = {
  name: 'record publish',
  summary:
    'Encrypt, store and anchor a record: FHIR JSON, or a file (PDF, DICOM, ...) as a DocumentReference',
  args: '<file>',
  minArgs: 1,
  details: [
    'A .json file must be a FHIR R4 resource (or Bundle); its scope follows from the resource type',
    '(Observation -> lab-results, MedicationRequest -> prescriptions, ...). Any other file is wrapped in',
    'a DocumentReference (scope documents, or imaging for DICOM).',
    '',
    'Examples:',
    '  medchain record publish hba1c.json',
    '  medchain record publish discharge-letter.pdf --scope documents',
  ].join('\n'),
  options: {
    scope: { type: 'string', value: '<scope>', description: 'Override the scope (name or id)' },
    'content-type': {
      type: 'string',
      value: '<mime>',
      description: 'MIME type of a non-JSON file (default: from the extension)',
    },
    patient: {
      type: 'string',
      value: '<address>',
      description: "Publish into another patient's record (needs write consent)",
    },
    subject: {
      type: 'string',
      value: '<ref>',
      description: 'FHIR reference of the patient for a wrapped file, e.g. Patient/123',
    },
    progress: {
      type: 'boolean',
      description: 'Always show the progress bar (default: files of 1 MiB or more)',
    },
  },
  async run(ctx) {
    const { createDocumentReference, scopeForResource, validateFhirRecord } = await import(
      '@medchain/sdk/fhir'
    )
    const { openClient } = await import('../client.js')
    const { parseAddress, parseScope, scopeName } = await import('../parse.js')
    const path = ctx.args[0]!
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await readFile(path))
    } catch (cause) {
      throw new CliError(`Cannot read ${path}: ${(cause as Error).message}`)
    }
    const scopeFlag = string(ctx, 'scope')
    const scopeOption = scopeFlag === undefined ? {} : { scope: parseScope(scopeFlag) }
    const patientFlag = string(ctx, 'patient')
    const patient = patientFlag ? parseAddress(patientFlag, '--patient') : undefined

    let record: Record<string, unknown>
    if (extname(path).toLowerCase() === '.json') {
      let parsed: unknown
      try {
        parsed = JSON.parse(new TextDecoder().decode(bytes))
      } catch (cause) {
        throw new CliError(`${path} is not JSON: ${(cause as Error).message}`)
      }
      record = validateFhirRecord(parsed) as unknown as Record<string, unknown>
    } else {
      const contentType =
        string(ctx, 'content-type') ??
        contentTypes[extname(path).toLowerCase()] ??
        'application/octet-stream'
      record = createDocumentReference({
        data: bytes,
        contentType,
        title: basename(path),
        date: new Date(),
        patientRef: string(ctx, 'subject'),
      }) as unknown as Record<string, unknown>
    }
    const scope = scopeForResource(record as { resourceType: string }, scopeOption)

    // One bar per stage of the SDK's publish: encrypting, storing, and the read-back check.
    const showProgress = ctx.flags.progress === true || bytes.length >= progressThreshold
    let bar: ReturnType<typeof progressBar> | undefined
    let stage: PublishProgress['stage'] | undefined
    const onProgress = showProgress
      ? (p: PublishProgress) => {
          if (p.stage !== stage) {
            bar?.finish()
            stage = p.stage
            bar = progressBar(p.stage)
          }
          bar!.update(p)
        }
      : undefined
    const { client, close } = await openClient(ctx.config, { needsKey: true })
    try {
      if (showProgress)
        info(
          `Encrypting ${basename(path)} (${bytes.length} bytes) as ${record.resourceType}, scope ${scopeName(scope)}`,
        )
      const result = await client.publishRecord({ patient, scope, data: record, onProgress })
      bar?.finish()
      const { anchor } = result
      if (ctx.json) printJson(result)
      else {
        info(
          `Published ${record.resourceType} as record ${anchor.seq} (scope ${scopeName(scope)}, epoch ${anchor.epoch})`,
        )
        process.stdout.write(
          `seq   ${anchor.seq}\ncid   ${anchor.cid}\ntx    ${result.transactionHash}\ngas   ${result.gasUsed}\n`,
        )
      }
    } finally {
      await close()
    }
  },
}
