// medchain record read <seq>: fetch by CID, check consent, unwrap the keys and decrypt.
import { writeFile } from 'node:fs/promises'
import { type Command, string } from '../command.js'
import { CliError, info, progressBar } from '../output.js'

export const recordRead: Command = {
  name: 'record read',
  summary: "Decrypt and print a record (yours, or a patient's that granted you its scope)",
  args: '<seq>',
  minArgs: 1,
  options: {
    patient: {
      type: 'string',
      value: '<address>',
      description: 'The patient (default: this account)',
    },
    out: {
      type: 'string',
      value: '<file>',
      description: 'Write the decrypted record to a file instead of stdout',
    },
    extract: {
      type: 'string',
      value: '<file>',
      description:
        'For a DocumentReference: write the attached file (PDF, DICOM, ...), checked against its hash',
    },
    progress: { type: 'boolean', description: 'Show a progress bar while fetching' },
  },
  async run(ctx) {
    const { extractAttachment } = await import('@medchain/sdk/fhir')
    const { openClient } = await import('../client.js')
    const { parseAddress, parseBigInt, scopeName } = await import('../parse.js')
    const seq = parseBigInt(ctx.args[0], 'seq')
    const patientFlag = string(ctx, 'patient')
    const bar = ctx.flags.progress === true ? progressBar('fetching') : undefined
    const { client, close } = await openClient(ctx.config, {
      needsKey: true,
      onProgress: bar ? (p) => bar.update(p) : undefined,
    })
    try {
      const record = await client.readRecord({
        patient: patientFlag ? parseAddress(patientFlag, '--patient') : undefined,
        seq,
      })
      bar?.finish()
      const { anchor } = record
      info(
        `Record ${anchor.seq} of ${anchor.patient}: scope ${scopeName(anchor.scope)}, ${record.data.length} bytes`,
      )
      const extract = string(ctx, 'extract')
      if (extract) {
        const doc = record.json<Parameters<typeof extractAttachment>[0]>()
        if (doc?.resourceType !== 'DocumentReference')
          throw new CliError('--extract needs a DocumentReference record.')
        const file = extractAttachment(doc)
        await writeFile(extract, file.data)
        info(`Wrote ${file.data.length} bytes (${file.contentType}) to ${extract}`)
      }
      const out = string(ctx, 'out')
      if (out) {
        await writeFile(out, record.data)
        info(`Wrote ${out}`)
      } else if (!extract) {
        let text = record.text()
        try {
          text = JSON.stringify(JSON.parse(text), null, 2)
        } catch {
          // not JSON: print as is
        }
        process.stdout.write(`${text}\n`)
      }
    } finally {
      await close()
    }
  },
}
