import type { MedChainClient } from '@medchain/sdk'
import type { Address } from 'viem'
import { shortAddress } from '../lib/format.js'

const cache = new Map<string, Promise<string>>()

/** A provider's display name ("Dr. Amara Okafor, St. Mary's Hospital") from its public profile. */
export function providerName(client: MedChainClient, account: Address): Promise<string> {
  const key = account.toLowerCase()
  let name = cache.get(key)
  if (!name) {
    name = client
      .getProfile({ account })
      .then((p) =>
        p.role === 'provider'
          ? `${p.profile.name}${p.profile.institution ? `, ${p.profile.institution}` : ''}`
          : shortAddress(account),
      )
      .catch(() => shortAddress(account))
    cache.set(key, name)
  }
  return name
}

/** Names for a set of addresses (unknown ones keep their short form). */
export async function addressBook(client: MedChainClient, accounts: Iterable<Address | undefined>) {
  const book = new Map<string, string>()
  for (const account of new Set([...accounts].filter((a): a is Address => !!a)))
    book.set(account.toLowerCase(), await providerName(client, account))
  return book
}
