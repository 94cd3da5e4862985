import type { AuditEntry } from '@medchain/sdk'
import { describeAuditEntry } from '../../lib/auditText.js'
import { type AddressBook, formatDateTime } from '../../lib/format.js'

/** The on-chain audit trail, newest first, in words. */
export function AuditTrail(props: {
  entries: readonly AuditEntry[]
  self: string
  book: AddressBook
}) {
  const entries = [...props.entries].reverse()
  return (
    <ol className="audit" aria-label="Audit trail, newest first">
      {entries.map((entry) => (
        <li
          key={`${entry.transactionHash}-${entry.logIndex}`}
          className={`audit-item audit-${entry.kind}`}
        >
          <time dateTime={entry.timestamp.toISOString()}>{formatDateTime(entry.timestamp)}</time>
          <span>{describeAuditEntry(entry, { self: props.self, book: props.book })}</span>
        </li>
      ))}
    </ol>
  )
}
