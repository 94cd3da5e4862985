import type { RecordStore } from '../storage/types.js'

/**
 * The default store: the embedded on-disk IPFS blockstore at `path`, imported and opened on first
 * use (so browser bundles that pass their own store never load `node:fs`).
 */
export function lazyFsStore(path: string): RecordStore {
  let ready: Promise<RecordStore> | undefined
  const store = () =>
    (ready ??= import('../storage/fsStore.js').then(async ({ createFsStore }) => {
      const fs = createFsStore({ path })
      await fs.open()
      return fs
    }))
  return {
    put: async (data, options) => (await store()).put(data, options),
    get: async (cid, options) => (await store()).get(cid, options),
    has: async (cid, options) => (await store()).has(cid, options),
    pin: async (cid, options) => (await store()).pin(cid, options),
    unpin: async (cid, options) => (await store()).unpin(cid, options),
    stream: (cid, options) => {
      let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          reader ??= (await store()).stream(cid, options).getReader()
          const { done, value } = await reader.read()
          if (done) controller.close()
          else controller.enqueue(value)
        },
        cancel: (reason) => reader?.cancel(reason),
      })
    },
  }
}
