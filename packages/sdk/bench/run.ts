// `pnpm bench`: every SDK performance target, measured side by side in one run, printed as ratios
// and figures against their targets. Figures go into packages/sdk/README.md.

import { loadavg } from 'node:os'
import { isKuboInstalled } from '@medchain/test'
import { benchClient } from './client.js'
import { benchEnvelopeThroughputInChild, benchStreamPeakRss, benchWrapKey } from './crypto.js'
import { benchKubo } from './kubo.js'
import { benchPublish } from './publish.js'

const rows: [figure: string, measured: string, target: string, met: boolean][] = []
const fmt = (n: number, digits = 2) => n.toFixed(digits)

// `pnpm bench [section ...]` runs only the named sections (crypto, publish, client, kubo).
const sections = new Set(process.argv.slice(2))
const wants = (section: 'crypto' | 'publish' | 'client' | 'kubo') =>
  sections.size === 0 || sections.has(section)
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')

console.log(
  'MedChain SDK benchmarks (node',
  process.version,
  `${process.platform}-${process.arch}, load average ${load()})\n`,
)

if (wants('crypto')) {
  const throughput = await benchEnvelopeThroughputInChild()
  const { ratio, ratioRange: range, medchain, raw } = throughput
  rows.push(
    [
      'encrypt 64 MiB vs raw AES-256-GCM',
      `${fmt(ratio.encrypt)}x (rounds ${fmt(range.encrypt.low)}-${fmt(range.encrypt.high)}; ${fmt(medchain.encryptMBps, 0)} vs ${fmt(raw.encryptMBps, 0)} MiB/s)`,
      '>= 0.85x',
      ratio.encrypt >= 0.85,
    ],
    [
      'decrypt 64 MiB vs raw AES-256-GCM',
      `${fmt(ratio.decrypt)}x (rounds ${fmt(range.decrypt.low)}-${fmt(range.decrypt.high)}; ${fmt(medchain.decryptMBps, 0)} vs ${fmt(raw.decryptMBps, 0)} MiB/s)`,
      '>= 0.85x',
      ratio.decrypt >= 0.85,
    ],
    [
      'encryptStream 64 MiB (64 KiB chunks) vs raw',
      `${fmt(throughput.stream.ratio.encrypt)}x (${fmt(throughput.stream.encryptMs, 0)} vs ${fmt(raw.encryptMs, 0)} ms)`,
      'figure only',
      true,
    ],
    [
      'decryptStream 64 MiB (1 MiB chunks) vs raw',
      `${fmt(throughput.stream.ratio.decrypt)}x (${fmt(throughput.stream.decryptMs, 0)} vs ${fmt(raw.decryptMs, 0)} ms)`,
      'figure only',
      true,
    ],
  )
}

if (wants('publish')) {
  const publish = await benchPublish()
  rows.push([
    'publish 64 MiB to disk vs raw AES + SHA-256',
    `${fmt(publish.ratio)}x (${fmt(publish.publishMs, 0)} vs ${fmt(publish.rawMs, 0)} ms)`,
    '>= 0.5x',
    publish.ratio >= 0.5,
  ])
}

if (wants('crypto')) {
  const rss = await benchStreamPeakRss()
  rows.push([
    'peak RSS encrypting a 1 GiB stream',
    `${fmt(rss.peakRssMiB, 0)} MiB (baseline ${fmt(rss.baselineRssMiB, 0)} MiB)`,
    '<= 256 MiB',
    rss.peakRssMiB <= 256,
  ])

  const wrap = await benchWrapKey()
  rows.push([
    'median key wrap, one recipient',
    `${fmt(wrap.medianMs, 3)} ms (p90 ${fmt(wrap.p90Ms, 3)}, ${wrap.backend})`,
    '<= 1 ms',
    wrap.medianMs <= 1,
  ])
}

if (wants('client')) {
  // The client end to end on a local anvil and the on-disk store (one run, single shots except where
  // a median is named).
  const client = await benchClient()
  const gas = (n: bigint) => `${n.toLocaleString('en-US')} gas`
  for (const [stage, note] of [
    ['publish', ''],
    ['request', ''],
    ['grant', ''],
    ['read', ' (doctor, cold; no tx)'],
    ['revoke', ' (revoke + rotation tx)'],
  ] as const) {
    const { ms, gasUsed } = client.stages[stage]
    const { revokeGas, rotationGas } = client.stages.revoke
    const gasText =
      stage === 'read'
        ? 'no gas'
        : stage === 'revoke'
          ? `${gas(gasUsed)} (${revokeGas.toLocaleString('en-US')} + ${rotationGas.toLocaleString('en-US')})`
          : gas(gasUsed)
    rows.push([
      `client ${stage}, 1 MiB record${note}`,
      `${fmt(ms, 1)} ms, ${gasText}`,
      'figure only',
      true,
    ])
  }
  const { grantScaling: grants, listing, readOverhead } = client
  rows.push(
    [
      `grant gas: ${grants.records.toLocaleString('en-US')} vs 1 record in scope`,
      `${fmt(grants.gasRatio, 3)}x (${gas(grants.big.gasUsed)} vs ${gas(grants.small.gasUsed)})`,
      '<= 1.05x',
      grants.gasRatio <= 1.05,
    ],
    [
      `grant time: ${grants.records.toLocaleString('en-US')} vs 1 record in scope`,
      `${fmt(grants.timeRatio)}x (${fmt(grants.big.ms, 1)} vs ${fmt(grants.small.ms, 1)} ms)`,
      'figure only',
      true,
    ],
    [
      `listRecords of ${listing.records.toLocaleString('en-US')} records`,
      `${fmt(listing.ms, 0)} ms, ${listing.rpcCalls} RPC calls, verified ${listing.verified}`,
      'figure only',
      listing.verified,
    ],
    [
      'doctor readRecord 1 MiB over raw decrypt',
      `${fmt(readOverhead.overheadMs, 1)} ms (${fmt(readOverhead.readMs, 1)} vs ${fmt(readOverhead.rawDecryptMs, 1)} ms)`,
      '<= 50 ms',
      readOverhead.overheadMs <= 50,
    ],
  )
}

if (wants('kubo')) {
  // Kubo (when scripts/kubo/install.sh has built it): the same 64 MiB through a real node's RPC.
  if (isKuboInstalled()) {
    const kubo = await benchKubo()
    rows.push(
      [
        'publish 64 MiB: embedded store vs Kubo RPC',
        `Kubo ${fmt(kubo.ratio.publish)}x as fast (${fmt(kubo.publishMs.kubo, 0)} vs ${fmt(kubo.publishMs.fs, 0)} ms)`,
        'figure only',
        true,
      ],
      [
        'read 64 MiB: embedded store vs Kubo RPC',
        `Kubo ${fmt(kubo.ratio.read)}x as fast (${fmt(kubo.readMs.kubo, 0)} vs ${fmt(kubo.readMs.fs, 0)} ms)`,
        'figure only',
        true,
      ],
    )
  } else {
    console.log('Kubo not installed (scripts/kubo/install.sh): no Kubo figures in this run.\n')
  }
}

const width = Math.max(...rows.map((row) => row[0].length))
for (const [figure, measured, target, met] of rows) {
  console.log(
    `${met ? 'met   ' : 'MISSED'}  ${figure.padEnd(width)}  ${measured.padEnd(44)}  target ${target}`,
  )
}
