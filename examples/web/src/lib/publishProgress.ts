import type {
  MedChainClient,
  PublishProgress,
  PublishRecordParameters,
  PublishRecordReturnType,
} from '@medchain/sdk'

/** The stage of a publish, as the progress bar shows it. */
export type UploadStage = 'preparing' | PublishProgress['stage'] | 'anchoring'
/** What the progress bar shows: a stage, the fraction of the whole publish done, and a sentence. */
export type UploadProgress = { stage: UploadStage; fraction: number; label: string }

const labels: Record<UploadStage, string> = {
  preparing: 'Preparing… (a first record in a category also asks your wallet to confirm its key)',
  encrypting: 'Encrypting on this device…',
  storing: 'Storing the encrypted record…',
  verifying: 'Checking the stored copy…',
  anchoring: 'Anchoring on chain (confirm in your wallet)…',
}

// Bar positions: the records' stages fill 5-80 %; anchoring (a wallet prompt, then mining) sits
// at 85 % until the transaction is mined. Within a record, each stage's share of the bar:
const recordsFrom = 0.05
const recordsTo = 0.8
const stageSpan = {
  encrypting: [0, 0.4],
  storing: [0.4, 0.8],
  verifying: [0.8, 1],
} as const

function shown(stage: UploadStage, fraction: number, suffix = ''): UploadProgress {
  return { stage, fraction, label: labels[stage] + suffix }
}

/** The bar before the SDK reports anything (the category key may be set up first). */
export const preparingProgress: UploadProgress = shown('preparing', 0.02)

/**
 * The bar for one of `publishRecord`'s progress events. The end of the last record's read-back
 * means the anchor transaction is next, so it shows as `anchoring`.
 */
export function uploadProgress(progress: PublishProgress): UploadProgress {
  const { stage, record, records, bytes, totalBytes } = progress
  if (stage === 'verifying' && record === records - 1 && bytes >= totalBytes)
    return shown('anchoring', 0.85)
  const [from, to] = stageSpan[stage]
  const withinStage = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 1
  const withinRecord = from + (to - from) * withinStage
  const fraction = recordsFrom + ((recordsTo - recordsFrom) * (record + withinRecord)) / records
  return shown(stage, fraction, records > 1 ? ` (record ${record + 1} of ${records})` : '')
}

/**
 * `publishRecord` with a progress bar: preparing, then the SDK's own stages (encrypting, storing,
 * verifying, by bytes), then anchoring until the transaction is mined.
 */
export function publishWithProgress(
  client: MedChainClient,
  parameters: Omit<PublishRecordParameters, 'onProgress'>,
  onProgress: (progress: UploadProgress) => void,
): Promise<PublishRecordReturnType> {
  onProgress(preparingProgress)
  return client.publishRecord({
    ...parameters,
    onProgress: (progress) => onProgress(uploadProgress(progress)),
  })
}
