import { defineConfig } from 'vitepress'
import { generatedReferenceItems } from './referenceSidebar.js'

// Dead internal links fail `vitepress build` (its default), so the docs build is also a link check.
export default defineConfig({
  title: 'MedChain',
  description: 'Encrypted, patient-controlled health records on IPFS and EVM chains.',
  cleanUrls: true,
  themeConfig: {
    nav: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Concepts', link: '/concepts/architecture' },
      { text: 'Guides', link: '/guides/client' },
      { text: 'Compliance', link: '/compliance/hipaa' },
      { text: 'Reference', link: '/reference/errors' },
    ],
    sidebar: [
      {
        text: 'Start here',
        items: [{ text: 'Getting started', link: '/getting-started' }],
      },
      {
        text: 'Concepts',
        items: [
          { text: 'Architecture', link: '/concepts/architecture' },
          { text: 'What is on chain', link: '/concepts/on-chain-data' },
          { text: 'Envelope format v1', link: '/concepts/envelope-format' },
          { text: 'Key hierarchy', link: '/concepts/key-hierarchy' },
          { text: 'Revocation and erasure', link: '/concepts/revocation' },
          { text: 'Threat model', link: '/concepts/threat-model' },
          { text: 'Metadata privacy', link: '/concepts/metadata-privacy' },
        ],
      },
      {
        text: 'Guides',
        items: [
          { text: 'The MedChain client', link: '/guides/client' },
          { text: 'EHR vendor integration (Node)', link: '/guides/ehr-integration' },
          { text: 'The web dApp', link: '/guides/web-dapp' },
          { text: 'Deploying the contracts', link: '/guides/deploying-contracts' },
          { text: 'Storage: IPFS, Kubo, pinning', link: '/guides/storage' },
          { text: 'Key management and recovery', link: '/guides/key-management' },
          { text: 'MetaMask legacy encryption', link: '/guides/metamask-legacy' },
          { text: 'FHIR records and audit export', link: '/guides/fhir' },
        ],
      },
      {
        text: 'Compliance',
        items: [
          { text: 'HIPAA Security Rule', link: '/compliance/hipaa' },
          { text: 'GDPR', link: '/compliance/gdpr' },
          { text: 'What MedChain does not solve', link: '/compliance/not-solved' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'Errors', link: '/reference/errors' },
          { text: 'Contracts', link: '/reference/contracts' },
          { text: 'Gas and benchmarks', link: '/reference/gas-and-benchmarks' },
          ...generatedReferenceItems,
        ],
      },
    ],
  },
})
