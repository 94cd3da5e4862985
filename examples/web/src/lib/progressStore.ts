import type { RecordStore, StorageProgress } from '@medchain/sdk/storage'

/** The stage of a publish, as the progress bar shows it. */
export type PublishStage = 'encrypting' | 'storing' | 'anchoring' | 'done'
export type PublishProgress = { stage: PublishStage; fraction: number; label: string }

const labels: Record<PublishStage, string> = {
  encrypting: 'Encrypting on this device…',
  storing: 'Storing the encrypted record…',
  anchoring: 'Anchoring on chain (confirm in your wallet)…',
  done: 'Saved.',
}

/** Progress of a stage: encrypting 0-10 %, storing 10-70 % (by bytes), anchoring 70-100 %. */
export function stageProgress(stage: PublishStage, storing?: StorageProgress): PublishProgress {
  let fraction = { encrypting: 0.05, storing: 0.1, anchoring: 0.75, done: 1 }[stage]
  if (stage === 'storing' && storing?.totalBytes)
    fraction = 0.1 + 0.6 * Math.min(1, storing.bytes / storing.totalBytes)
  return { stage, fraction, label: labels[stage] }
}

/**
 * `publishRecord` has no progress callback, so the app watches its store instead: the first `put`
 * means encryption is done, its byte progress is the upload, and its return means the anchor
 * transaction is next. `track` routes one publish's events to one listener.
 */
export function createProgressStore(inner: RecordStore) {
  let listener: ((progress: PublishProgress) => void) | undefined
  const store: RecordStore = {
    get: (cid, options) => inner.get(cid, options),
    stream: (cid, options) => inner.stream(cid, options),
    has: (cid, options) => inner.has(cid, options),
    pin: (cid, options) => inner.pin(cid, options),
    unpin: (cid, options) => inner.unpin(cid, options),
    put: async (data, options) => {
      const report = listener
      report?.(stageProgress('storing'))
      const cid = await inner.put(data, {
        ...options,
        onProgress: (p) => {
          options?.onProgress?.(p)
          report?.(stageProgress('storing', p))
        },
      })
      report?.(stageProgress('anchoring'))
      return cid
    },
  }
  async function track<result>(
    onProgress: (progress: PublishProgress) => void,
    run: () => Promise<result>,
  ): Promise<result> {
    // A first record in a category also stores and anchors its new key: never move the bar back.
    let shown = 0
    listener = (progress) => {
      if (progress.fraction < shown) return
      shown = progress.fraction
      onProgress(progress)
    }
    onProgress(stageProgress('encrypting'))
    try {
      const result = await run()
      onProgress(stageProgress('done'))
      return result
    } finally {
      listener = undefined
    }
  }
  return { store, track }
}
