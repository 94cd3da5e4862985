// Test helpers for component tests that run against the real local stack (anvil with MedChain
// deployed and the development storage node): a signed-in session per role, built like the app's.
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { deserialize, serialize } from 'node:v8'
import { createPublicClient, http, keccak256, type PublicClient, toHex } from 'viem'
import { chainFromConfig, createStackClient } from '../dev/sdkClient.js'
import type { StackAccounts, WebStack } from '../dev/stack.js'
import type { MedChainSession } from './lib/medchain.js'

/**
 * Vitest's jsdom environment replaces the global typed arrays, `ArrayBuffer`, `Blob`, `File` and
 * `FormData` with jsdom's, from another realm, while Node's TextEncoder, crypto and fetch keep making
 * and expecting Node's: the SDK's `instanceof Uint8Array` checks refuse real bytes and the CID
 * computed locally no longer matches the stored one. Component tests that drive the SDK put Node's
 * back (React and Testing Library do not use them).
 */
export async function useNodeWebTypes(): Promise<void> {
  // v8.deserialize builds its objects in Node's own realm: their constructors are Node's.
  const node = deserialize(
    serialize([
      new ArrayBuffer(0),
      new Uint8Array(0),
      new Uint16Array(0),
      new Uint32Array(0),
      new Uint8ClampedArray(0),
      new Int8Array(0),
      new Int16Array(0),
      new Int32Array(0),
      new Float32Array(0),
      new Float64Array(0),
    ]),
  ) as object[]
  const globals = globalThis as unknown as Record<string, unknown>
  for (const value of node) globals[value.constructor.name] = value.constructor
  globals.Blob = NodeBlob
  globals.File = NodeFile
  // fetch's Response is Node's, and so is the FormData it parses.
  globals.FormData = (await new Response(new URLSearchParams('a=1')).formData()).constructor
}

/** The session a page gets for `role`: the SDK client signs with that account's anvil key. */
export function stackSession(stack: WebStack, role: keyof StackAccounts): MedChainSession {
  const { address, privateKey } = stack.accounts[role]
  return {
    address,
    config: stack.config,
    client: createStackClient(stack.config, privateKey),
    publicClient: createPublicClient({
      chain: chainFromConfig(stack.config),
      transport: http(stack.config.rpcUrl),
    }) as PublicClient,
  }
}

/** Registers `role` as a provider and has the administrator verify it. */
export async function verifiedProvider(
  stack: WebStack,
  role: keyof StackAccounts,
  profile: { name: string; institution: string },
): Promise<MedChainSession> {
  const session = stackSession(stack, role)
  const credentialRef = keccak256(toHex(`licence of ${profile.name} (synthetic)`))
  await session.client.registerProvider({ profile: { ...profile, credentialRef } })
  await stackSession(stack, 'admin').client.verifyProvider({
    provider: session.address,
    credentialRef,
  })
  return session
}
