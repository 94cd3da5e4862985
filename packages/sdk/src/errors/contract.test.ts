import { medChainAbi } from '@medchain/contracts'
import { BaseError, ContractFunctionRevertedError, encodeErrorResult } from 'viem'
import { describe, expect, it } from 'vitest'
import { MedChainError } from './base.js'
import { ConsentRequiredError } from './client.js'
import {
  contractErrors,
  decodeMedChainError,
  type MedChainContractError,
  toMedChainContractError,
  UnknownContractError,
} from './contract.js'

const abiErrors = medChainAbi.filter((item) => item.type === 'error')

describe('contract errors', () => {
  it('maps every custom error of medChainAbi to a typed MedChainError', () => {
    expect(Object.keys(contractErrors).sort()).toEqual(abiErrors.map((e) => e.name).sort())
    for (const item of abiErrors) {
      const args = item.inputs.map((input) =>
        input.type === 'address'
          ? '0x0000000000000000000000000000000000000001'
          : input.type === 'bytes32'
            ? `0x${'00'.repeat(32)}`
            : input.type === 'string'
              ? 'x'
              : 1n,
      )
      const error = toMedChainContractError({ errorName: item.name, args })
      expect(error).toBeInstanceOf(MedChainError)
      expect(error.name).not.toBe('MedChainError')
      expect(error.docsPath).toMatch(/^\/reference\/errors#[a-z]+error$/)
      expect(error.metaMessages?.length).toBeGreaterThan(0)
    }
  })

  it('decodes revert data from a viem error', () => {
    const data = encodeErrorResult({
      abi: medChainAbi,
      errorName: 'MedChainIdentityExpiredSignature',
      args: [1700000000n],
    })
    const viemError = new BaseError('reverted', {
      cause: new ContractFunctionRevertedError({
        abi: medChainAbi,
        data,
        functionName: 'grantAccessBySig',
      }),
    })
    const error = decodeMedChainError(viemError) as MedChainContractError
    expect(error.name).toBe('SignatureExpiredError')
    expect(error.errorName).toBe('MedChainIdentityExpiredSignature')
    expect(error.args).toEqual([1700000000n])
    expect(error.message).toContain('Ask the signer to sign again')
  })

  it('decodes NoPermission as ConsentRequiredError and unknown data as UnknownContractError', () => {
    const noPermission = toMedChainContractError({
      errorName: 'MedChainConsentNoPermission',
      args: [
        '0x0000000000000000000000000000000000000001',
        '0x0000000000000000000000000000000000000002',
        5,
      ],
    })
    expect(noPermission).toBeInstanceOf(ConsentRequiredError)
    const unknown = decodeMedChainError(
      new BaseError('x', {
        cause: new ContractFunctionRevertedError({
          abi: medChainAbi,
          data: '0xdeadbeef',
          functionName: 'register',
        }),
      }),
      'register',
    )
    expect(unknown).toBeInstanceOf(UnknownContractError)
    const other = new Error('network down')
    expect(decodeMedChainError(other)).toBe(other)
  })
})
