import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { loadConfig } from './config.js'
import './styles.css'

const root = createRoot(document.getElementById('root')!)

async function start() {
  try {
    const config = await loadConfig()
    // The development wallet exists only in `vite` dev mode: Rollup drops this branch and the
    // dynamic import from production builds (checked by src/productionBuild.test.ts).
    if (import.meta.env.DEV) {
      const { announceDevWallet } = await import('./devWallet/devWallet.js')
      announceDevWallet(config)
    }
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    )
  } catch (error) {
    root.render(
      <main className="page">
        <h1>MedChain could not start</h1>
        <p className="note note-error" role="alert">
          {error instanceof Error ? error.message : String(error)}
        </p>
        <p>Check that the app's configuration file is deployed next to it, then reload.</p>
      </main>,
    )
  }
}

void start()
