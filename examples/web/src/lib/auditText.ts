import type { AuditEntry } from '@medchain/sdk'
import {
  type AddressBook,
  formatDate,
  joinWords,
  nameOf,
  purposeLabel,
  scopeNoun,
  scopeRecordNoun,
} from './format.js'

/** One line of the audit trail, in words: who did what to which records. */
export function describeAuditEntry(
  entry: AuditEntry,
  options: { self: string; book: AddressBook },
): string {
  const { self, book } = options
  const who = (address: `0x${string}` | undefined) =>
    address && address.toLowerCase() === self.toLowerCase() ? 'You' : nameOf(address, book)
  const whom = (address: `0x${string}` | undefined) => {
    const name = who(address)
    return name === 'You' ? 'you' : name
  }
  const scopes = joinWords(entry.scopes.map(scopeNoun))
  const d = entry.details
  switch (entry.kind) {
    case 'registered':
      return `${who(entry.actor)} registered as a ${d.role === 'provider' ? 'healthcare provider' : 'patient'}.`
    case 'profile-updated':
      return `${who(entry.actor)} updated the profile.`
    case 'encryption-key-rotated':
      return `${who(entry.actor)} replaced the account's encryption key.`
    case 'provider-verified':
      return `${who(entry.actor)} verified the provider's credentials.`
    case 'provider-suspended':
      return `${who(entry.actor)} suspended the provider.`
    case 'access-requested':
      return `${who(entry.actor)} asked for access to ${scopes || 'records'} (${purposeLabel(Number(d.purpose))}, ${durationDays(d.duration)}).`
    case 'access-request-cancelled':
      return `${who(entry.actor)} cancelled an access request.`
    case 'access-denied':
      return `${who(entry.actor)} denied the access request of ${whom(entry.counterpart)}.`
    case 'access-granted': {
      const until =
        typeof d.expiry === 'bigint' ? formatDate(new Date(Number(d.expiry) * 1000)) : ''
      const kind = d.write ? 'read and write' : 'read'
      return `${who(entry.actor)} granted ${whom(entry.counterpart)} ${kind} access to ${scopes}${until ? ` until ${until}` : ''}.`
    }
    case 'access-revoked':
      return `${who(entry.actor)} revoked the access of ${whom(entry.counterpart)} to ${scopes}.`
    case 'delegate-updated': {
      if (d.kind === 'none')
        return `${who(entry.actor)} removed ${whom(entry.counterpart)} as a delegate.`
      // The SDK gives the key envelope's CID when keys were shared, null when not.
      const keys =
        typeof d.envelopeCid === 'string'
          ? ', with your record keys'
          : d.envelopeCid === null
            ? ', without your record keys'
            : ''
      return `${who(entry.actor)} made ${whom(entry.counterpart)} a ${String(d.kind)}${keys}.`
    }
    case 'emergency-access-updated':
      if (!d.enabled) return `${who(entry.actor)} turned emergency access off.`
      return entry.counterpart
        ? `${who(entry.actor)} turned emergency access on, with ${whom(entry.counterpart)} as emergency custodian.`
        : `${who(entry.actor)} turned emergency access on.`
    case 'emergency-access-used':
      return `${who(entry.actor)} used emergency access to ${scopes}.`
    case 'emergency-keys-released':
      return `${who(entry.actor)}, the emergency custodian, gave ${whom(entry.counterpart)} the keys to ${scopes} for emergency access.`
    case 'record-anchored': {
      const count = Number(d.count ?? 1)
      const one = scopeRecordNoun(entry.scopes[0] ?? 0)
      const what =
        count === 1 ? `${/^[aeiou]/.test(one) ? 'an' : 'a'} ${one}` : `${count} ${scopes}`
      return `${who(entry.actor)} added ${what}.`
    }
    case 'scope-key-rotated':
      return `${who(entry.actor)} renewed the encryption key of the ${scopes} (key version ${String(d.epoch)}).`
    default:
      return `${who(entry.actor)}: ${String(entry.kind)}.`
  }
}

function durationDays(duration: unknown): string {
  const seconds = typeof duration === 'bigint' ? Number(duration) : Number(duration ?? 0)
  const days = Math.round(seconds / 86_400)
  return days === 1 ? '1 day' : `${days} days`
}
