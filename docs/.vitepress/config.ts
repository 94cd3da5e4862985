import { defineConfig } from 'vitepress'

// Dead internal links fail `vitepress build` (its default), so the docs build is also a link check.
export default defineConfig({
  title: 'MedChain',
  description: 'Encrypted, patient-controlled health records on IPFS and EVM chains.',
  cleanUrls: true,
  themeConfig: {
    nav: [
      { text: 'Concepts', link: '/concepts/envelope-format' },
      { text: 'Guides', link: '/guides/client' },
      { text: 'Reference', link: '/reference/errors' },
    ],
    sidebar: [
      {
        text: 'Concepts',
        items: [
          { text: 'Envelope format v1', link: '/concepts/envelope-format' },
          { text: 'Key hierarchy', link: '/concepts/key-hierarchy' },
        ],
      },
      {
        text: 'Guides',
        items: [
          { text: 'The MedChain client', link: '/guides/client' },
          { text: 'Storage', link: '/guides/storage' },
          { text: 'FHIR records and audit export', link: '/guides/fhir' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'Errors', link: '/reference/errors' },
          { text: 'Contracts', link: '/reference/contracts' },
        ],
      },
    ],
  },
})
