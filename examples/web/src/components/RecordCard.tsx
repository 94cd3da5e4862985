import type { RecordSummary } from '../lib/fhirSummary.js'
import { formatDateTime } from '../lib/format.js'

/** A decrypted record, readable: title, facts, download link for files, and its verification. */
export function RecordCard(props: {
  summary: RecordSummary
  seq: bigint
  addedAt?: Date | undefined
  verified: boolean
  superseded?: boolean | undefined
}) {
  const { summary, seq, addedAt, verified } = props
  return (
    <article className="record" aria-label={summary.title}>
      <header className="record-head">
        <h4 className="record-title">{summary.title}</h4>
        {verified ? (
          <span
            className="badge badge-verified"
            title="Fetched by its content address (CID), checked against its on-chain anchor, and decrypted."
          >
            <span aria-hidden="true">✓ </span>Verified
          </span>
        ) : (
          <span className="badge badge-warn">Not verified</span>
        )}
      </header>
      <dl className="facts">
        {summary.facts.map((fact) => (
          <div key={fact.label} className="fact">
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {summary.attachment && <DownloadLink attachment={summary.attachment} />}
      <p className="record-meta">
        {summary.kind} · record #{String(seq)}
        {addedAt ? ` · added ${formatDateTime(addedAt)}` : ''}
        {props.superseded ? ' · corrected by a later record' : ''}
      </p>
    </article>
  )
}

function DownloadLink({ attachment }: { attachment: NonNullable<RecordSummary['attachment']> }) {
  const download = () => {
    const bytes = Uint8Array.from(atob(attachment.base64), (c) => c.charCodeAt(0))
    const url = URL.createObjectURL(new Blob([bytes], { type: attachment.contentType }))
    const link = document.createElement('a')
    link.href = url
    link.download = attachment.title
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
  return (
    <button type="button" className="button button-secondary" onClick={download}>
      Download {attachment.title}
    </button>
  )
}
