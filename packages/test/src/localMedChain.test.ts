import { medChainAbi } from '@medchain/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalMedChain, startLocalMedChain } from './localMedChain.js'

describe('startLocalMedChain', () => {
  let local: LocalMedChain
  beforeAll(async () => {
    local = await startLocalMedChain()
  })
  afterAll(() => local?.stop())

  it('deploys MedChain with the admin account holding the verifier role', async () => {
    const verifierRole = await local.publicClient.readContract({
      address: local.medChain,
      abi: medChainAbi,
      functionName: 'VERIFIER_ROLE',
    })
    const adminIsVerifier = await local.publicClient.readContract({
      address: local.medChain,
      abi: medChainAbi,
      functionName: 'hasRole',
      args: [verifierRole, local.accounts.admin.address],
    })
    const doctorIsVerifier = await local.publicClient.readContract({
      address: local.medChain,
      abi: medChainAbi,
      functionName: 'hasRole',
      args: [verifierRole, local.accounts.doctor.address],
    })
    expect([adminIsVerifier, doctorIsVerifier]).toEqual([true, false])
  })

  it('records the deployment block so log queries can start there', async () => {
    const code = await local.publicClient.getCode({
      address: local.medChain,
      blockNumber: local.startBlock,
    })
    const before = await local.publicClient.getCode({
      address: local.medChain,
      blockNumber: local.startBlock - 1n,
    })
    expect(code?.length).toBeGreaterThan(2)
    expect(before).toBeUndefined()
  })
})
