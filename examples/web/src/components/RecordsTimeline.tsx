import { groupByCategory } from '../lib/categories.js'
import { errorMessage } from '../lib/errorMessage.js'
import { scopeLabel } from '../lib/format.js'
import type { LockedScope, OpenedRecord } from '../lib/records.js'
import { RecordCard } from './RecordCard.js'

/** The records timeline: one section per category, newest first; closed categories say why. */
export function RecordsTimeline(props: {
  opened: readonly OpenedRecord[]
  locked?: readonly LockedScope[] | undefined
  emptyText: string
}) {
  const groups = groupByCategory(
    props.opened.map((record) => ({
      ...record,
      scope: record.anchor.scope,
      seq: record.anchor.seq,
    })),
  )
  return (
    <div className="timeline">
      {groups.map((group) => {
        const locked = (props.locked ?? []).filter((l) => group.scopes.includes(l.scope))
        return (
          <section key={group.key} className="category" aria-labelledby={`category-${group.key}`}>
            <h3 id={`category-${group.key}`}>
              {group.label}
              <span className="count">{group.records.length}</span>
            </h3>
            {group.records.length === 0 && locked.length === 0 && (
              <p className="muted">{props.emptyText}</p>
            )}
            {group.records.map((record) => (
              <RecordCard
                key={String(record.anchor.seq)}
                summary={record.summary}
                seq={record.anchor.seq}
                verified={record.verified}
                superseded={record.anchor.supersededBy !== undefined}
              />
            ))}
            {locked.map((l) => (
              <p key={l.scope} className="note note-locked" role="note">
                <LockIcon />
                {scopeLabel(l.scope)}: {l.count === 1 ? '1 record' : `${l.count} records`} not
                shown. {l.reason ?? (l.error ? errorMessage(l.error) : 'Refresh to open them.')}
              </p>
            ))}
          </section>
        )
      })}
    </div>
  )
}

function LockIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V7a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z"
      />
    </svg>
  )
}
