import { useEffect, useState } from 'react'

/** The app's pages; the hash keeps deep links working on any static host. */
export type Route = 'login' | 'register' | 'patient' | 'doctor' | 'admin'
const routes: readonly Route[] = ['login', 'register', 'patient', 'doctor', 'admin']

export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? ''
  return (routes as readonly string[]).includes(name) ? (name as Route) : 'login'
}

export function navigate(route: Route): void {
  if (parseRoute(window.location.hash) !== route || !window.location.hash)
    window.location.hash = `#/${route}`
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}
