import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import * as storageNode from './storage-node.js'

test('exports', () => {
  expect(Object.keys(storageNode).sort()).toMatchInlineSnapshot(`
    [
      "createFilePublishJournal",
      "createFsStore",
    ]
  `)
})

test('createFsStore from the node entry stores and reads', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'medchain-storage-node-'))
  const store = storageNode.createFsStore({ path: directory })
  await store.open()
  const cid = await store.put(new TextEncoder().encode('hello'))
  expect(cid.toString()).toBe('bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq')
  expect(new TextDecoder().decode(await store.get(cid))).toBe('hello')
  await store.close()
  await rm(directory, { recursive: true, force: true })
})
