import { expect, it } from 'vitest'
import * as sdk from './index.js'

it('exports exactly these names', () => {
  expect(Object.keys(sdk).sort()).toMatchSnapshot()
})
