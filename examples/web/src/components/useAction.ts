import { useCallback, useState } from 'react'

/**
 * Runs one user action at a time with its pending text and error: buttons disable while it runs and
 * the page says what it is waiting for, so nothing blocks without feedback.
 */
export function useAction() {
  const [pending, setPending] = useState<string | undefined>()
  const [error, setError] = useState<unknown>()
  const [done, setDone] = useState<string | undefined>()
  const run = useCallback(
    async <result>(
      pendingText: string,
      action: () => Promise<result>,
      doneText?: string | ((result: result) => string),
    ): Promise<result | undefined> => {
      setPending(pendingText)
      setError(undefined)
      setDone(undefined)
      try {
        const result = await action()
        if (doneText) setDone(typeof doneText === 'function' ? doneText(result) : doneText)
        return result
      } catch (caught) {
        console.error(caught)
        setError(caught)
        return undefined
      } finally {
        setPending(undefined)
      }
    },
    [],
  )
  return { pending, error, done, run, setError, setPending, busy: pending !== undefined }
}
