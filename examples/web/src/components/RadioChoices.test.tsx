// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { RadioChoices } from './RadioChoices.js'

afterEach(cleanup)

function Permission({ seen }: { seen: string[] }) {
  const [access, setAccess] = useState<'read' | 'write'>('read')
  return (
    <RadioChoices
      legend="Permission"
      name="access"
      options={[
        ['read', 'Read only'],
        ['write', 'Read and add records'],
      ]}
      value={access}
      onChange={(next) => {
        seen.push(next)
        setAccess(next)
      }}
    />
  )
}

describe('RadioChoices', () => {
  it('groups the options under the legend and reports the chosen value', async () => {
    const seen: string[] = []
    render(<Permission seen={seen} />)
    const group = screen.getByRole('group', { name: 'Permission' })
    const radios = screen.getAllByRole('radio') as HTMLInputElement[]
    expect(radios.map((r) => r.name)).toEqual(['access', 'access'])
    expect(group.contains(radios[0] ?? null)).toBe(true)
    const read = screen.getByRole('radio', { name: 'Read only' }) as HTMLInputElement
    const write = screen.getByRole('radio', { name: 'Read and add records' }) as HTMLInputElement
    expect([read.checked, write.checked]).toEqual([true, false])
    await userEvent.click(write)
    expect(seen).toEqual(['write'])
    expect([read.checked, write.checked]).toEqual([false, true])
  })
})
