// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Vm} from "forge-std/Vm.sol";
import {console} from "forge-std/console.sol";
import {IMedChainConsent} from "../../src/interfaces/IMedChainConsent.sol";
import {IMedChainIdentity} from "../../src/interfaces/IMedChainIdentity.sol";
import {IMedChainRecords} from "../../src/interfaces/IMedChainRecords.sol";
import {MedChainTestBase} from "../utils/MedChainTestBase.sol";

/**
 * @dev Full-transaction gas of each target operation, measured in isolation.
 *
 * Method: the operation is one external call, made after `vm.cool` has made the contract's storage
 * (and every other account the call touches, e.g. an EIP-712 signer) cold, as at the start of a real
 * transaction. Then
 *
 *   used   = 21,000 + calldataCost(data) + executionGas      (EIP-2028: 4 per zero, 16 per non-zero byte)
 *   fullTx = used - min(refund, used / 5)                     (EIP-3529 refund cap)
 *
 * with executionGas and refund from `vm.lastCallGas()` (the call frame's gas, which excludes the
 * caller's CALL cost, exactly like a transaction's top-level frame). The numbers were checked
 * against `gasUsed` of real transactions on anvil (see README). EVM version: Cancun (no EIP-7623
 * calldata floor; it would not bind for these calls anyway).
 */
contract GasTest is MedChainTestBase {
    uint256 internal constant TARGET_ANCHOR = 50_000;
    uint256 internal constant TARGET_BATCH_PER_RECORD = 5_000;
    uint256 internal constant TARGET_GRANT = 60_000;
    uint256 internal constant TARGET_GRANT_BY_SIG = 75_000;
    uint256 internal constant TARGET_REVOKE = 35_000;
    uint256 internal constant TARGET_REGISTER = 100_000;

    function setUp() public override {
        super.setUp();
        _registerPatient(patient);
        _registerProvider(provider, true);
        // Warm-up history so that measured calls are steady-state (non-first) operations where relevant.
        vm.prank(patient);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);
    }

    // ------------------------------------------------------------------ measurement

    function _calldataCost(bytes memory data) internal pure returns (uint256 cost) {
        for (uint256 i = 0; i < data.length; ++i) {
            cost += data[i] == 0 ? 4 : 16;
        }
    }

    /// @dev Sends `data` from `from` as a fresh transaction would and returns its full gas.
    function _fullTx(address from, bytes memory data, address[] memory alsoCold)
        internal
        returns (uint256)
    {
        vm.cool(address(medChain));
        for (uint256 i = 0; i < alsoCold.length; ++i) {
            vm.cool(alsoCold[i]);
        }
        vm.prank(from, from);
        (bool ok, bytes memory ret) = address(medChain).call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        Vm.Gas memory g = vm.lastCallGas();
        uint256 used = 21_000 + _calldataCost(data) + g.gasTotalUsed;
        uint256 refund = g.gasRefunded > 0 ? uint256(uint64(g.gasRefunded)) : 0;
        uint256 cap = used / 5;
        return used - (refund < cap ? refund : cap);
    }

    function _fullTx(address from, bytes memory data) internal returns (uint256) {
        return _fullTx(from, data, new address[](0));
    }

    function _report(string memory name, uint256 gas, uint256 target) internal pure {
        console.log(name, gas, target);
    }

    // ------------------------------------------------------------------ targets

    function test_gas_register_patient() public {
        address account = makeAddr("new patient");
        bytes memory data = abi.encodeCall(
            IMedChainIdentity.register,
            (IMedChainIdentity.Role.Patient, PATIENT_KEY_X25519, _cid(9))
        );
        uint256 gas = _fullTx(account, data);
        _report("register (patient)", gas, TARGET_REGISTER);
        assertLe(gas, TARGET_REGISTER);
    }

    function test_gas_register_provider() public {
        address account = makeAddr("new provider");
        bytes memory data = abi.encodeCall(
            IMedChainIdentity.register,
            (IMedChainIdentity.Role.Provider, PROVIDER_KEY_X25519, _cid(9))
        );
        uint256 gas = _fullTx(account, data);
        _report("register (provider)", gas, TARGET_REGISTER);
        assertLe(gas, TARGET_REGISTER);
    }

    function test_gas_anchorRecord_byPatient() public {
        bytes memory data =
            abi.encodeCall(IMedChainRecords.anchorRecord, (patient, 1, LABS, 0, _cid(2), 0));
        uint256 gas = _fullTx(patient, data);
        _report("anchorRecord (patient)", gas, TARGET_ANCHOR);
        assertLe(gas, TARGET_ANCHOR);
    }

    function test_gas_anchorRecord_byProvider() public {
        _grant(patient, provider, LABS, true, uint64(block.timestamp + 30 days));
        bytes memory data =
            abi.encodeCall(IMedChainRecords.anchorRecord, (patient, 1, LABS, 0, _cid(2), 0));
        uint256 gas = _fullTx(provider, data);
        _report("anchorRecord (provider with write grant)", gas, TARGET_ANCHOR);
        assertLe(gas, TARGET_ANCHOR);
    }

    function test_gas_anchorRecord_correction() public {
        bytes memory data =
            abi.encodeCall(IMedChainRecords.anchorRecord, (patient, 1, LABS, 0, _cid(2), 1));
        uint256 gas = _fullTx(patient, data);
        _report("anchorRecord (correction)", gas, TARGET_ANCHOR);
        assertLe(gas, TARGET_ANCHOR);
    }

    function test_gas_anchorRecords_batch100() public {
        bytes[] memory cids = new bytes[](100);
        for (uint256 i = 0; i < 100; ++i) {
            cids[i] = _cid(100 + i);
        }
        bytes memory data = abi.encodeCall(
            IMedChainRecords.anchorRecords, (patient, 1, LABS, 0, cids, new uint64[](0))
        );
        uint256 gas = _fullTx(patient, data);
        _report("anchorRecords x100 (total)", gas, 100 * TARGET_BATCH_PER_RECORD);
        _report("anchorRecords x100 (per record)", gas / 100, TARGET_BATCH_PER_RECORD);
        assertLe(gas, 100 * TARGET_BATCH_PER_RECORD);
    }

    function test_gas_grantAccess_oneScope() public {
        bytes memory data = abi.encodeCall(
            IMedChainConsent.grantAccess,
            (patient, provider, _scopes(LABS), false, uint64(block.timestamp + 30 days), _cid(5), 0)
        );
        uint256 gas = _fullTx(patient, data);
        _report("grantAccess (1 scope)", gas, TARGET_GRANT);
        assertLe(gas, TARGET_GRANT);
    }

    function test_gas_grantAccessBySig_oneScope() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory signature = _sign(patientKey, _grantStructHash(g));
        bytes memory data =
            abi.encodeCall(IMedChainConsent.grantAccessBySig, (g, patient, signature));
        address[] memory cold = new address[](1);
        cold[0] = patient; // the signer, cold as in a relayed tx (touched only for ERC-1271 signers)
        uint256 gas = _fullTx(relayer, data, cold);
        _report("grantAccessBySig (1 scope, relayed)", gas, TARGET_GRANT_BY_SIG);
        assertLe(gas, TARGET_GRANT_BY_SIG);
    }

    function test_gas_revokeAccess_oneScope() public {
        _grant(patient, provider, LABS, false, uint64(block.timestamp + 30 days));
        bytes memory data =
            abi.encodeCall(IMedChainConsent.revokeAccess, (patient, provider, _scopes(LABS)));
        uint256 gas = _fullTx(patient, data);
        _report("revokeAccess (1 scope)", gas, TARGET_REVOKE);
        assertLe(gas, TARGET_REVOKE);
    }

    // ------------------------------------------------------------------ other operations (no target)

    function test_gas_requestAccess() public {
        bytes memory data =
            abi.encodeCall(IMedChainConsent.requestAccess, (patient, _scopes(LABS), 1, 30 days));
        uint256 gas = _fullTx(provider, data);
        _report("requestAccess (1 scope)", gas, 0);
    }

    function test_gas_grantAccess_answeringRequest() public {
        vm.prank(provider);
        uint256 id = medChain.requestAccess(patient, _scopes(LABS), 1, 30 days);
        bytes memory data = abi.encodeCall(
            IMedChainConsent.grantAccess,
            (
                patient,
                provider,
                _scopes(LABS),
                false,
                uint64(block.timestamp + 30 days),
                _cid(5),
                id
            )
        );
        uint256 gas = _fullTx(patient, data);
        _report("grantAccess (1 scope, closes request)", gas, TARGET_GRANT);
        assertLe(gas, TARGET_GRANT);
    }

    function test_gas_denyRequest() public {
        vm.prank(provider);
        uint256 id = medChain.requestAccess(patient, _scopes(LABS), 1, 30 days);
        bytes memory data = abi.encodeCall(IMedChainConsent.denyRequest, (patient, id));
        uint256 gas = _fullTx(patient, data);
        _report("denyRequest", gas, 0);
    }

    function test_gas_emergencyAccess() public {
        _enableEmergencyAccess(patient);
        bytes memory data =
            abi.encodeCall(IMedChainConsent.emergencyAccess, (patient, _scopes(LABS), 7));
        uint256 gas = _fullTx(provider, data);
        _report("emergencyAccess (1 scope)", gas, 0);
    }

    function test_gas_setEmergencyAccess_withCustodian() public {
        _registerProvider(custodian, true);
        bytes memory data = abi.encodeCall(
            IMedChainConsent.setEmergencyAccess, (patient, true, custodian, _cid(9))
        );
        uint256 gas = _fullTx(patient, data);
        _report("setEmergencyAccess (on, custodian)", gas, 0);
    }

    function test_gas_releaseEmergencyKeys() public {
        _enableEmergencyAccess(patient);
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(LABS), 7);
        bytes memory data = abi.encodeCall(
            IMedChainConsent.releaseEmergencyKeys, (patient, provider, _scopes(LABS), _cid(10))
        );
        uint256 gas = _fullTx(custodian, data);
        _report("releaseEmergencyKeys (1 scope)", gas, 0);
    }

    function test_gas_rotateScopeKey() public {
        bytes memory data =
            abi.encodeCall(IMedChainRecords.rotateScopeKey, (patient, LABS, 1, _cid(6)));
        uint256 gas = _fullTx(patient, data);
        _report("rotateScopeKey (first in its slot)", gas, 0);
    }

    function test_gas_registerBySig_relayed() public {
        (address account, uint256 key) = makeAddrAndKey("patient without eth");
        IMedChainIdentity.Register memory r = IMedChainIdentity.Register({
            account: account,
            role: IMedChainIdentity.Role.Patient,
            encryptionKey: PATIENT_KEY_X25519,
            profileCid: _cid(9),
            nonce: 0,
            deadline: block.timestamp + 1 hours
        });
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Register(address account,uint8 role,bytes32 encryptionKey,bytes profileCid,uint256 nonce,uint256 deadline)"
                ),
                r.account,
                r.role,
                r.encryptionKey,
                keccak256(r.profileCid),
                r.nonce,
                r.deadline
            )
        );
        bytes memory data =
            abi.encodeCall(IMedChainIdentity.registerBySig, (r, _sign(key, structHash)));
        uint256 gas = _fullTx(relayer, data);
        _report("registerBySig (patient, relayed)", gas, 0);
    }

    function test_gas_revokeAccessBySig_oneScope() public {
        _grant(patient, provider, LABS, false, uint64(block.timestamp + 30 days));
        IMedChainConsent.Revoke memory r = IMedChainConsent.Revoke({
            patient: patient,
            grantee: provider,
            scopes: _scopes(LABS),
            nonce: 0,
            deadline: block.timestamp + 1 hours
        });
        bytes memory data = abi.encodeCall(
            IMedChainConsent.revokeAccessBySig,
            (r, patient, _sign(patientKey, _revokeStructHash(r)))
        );
        uint256 gas = _fullTx(relayer, data);
        _report("revokeAccessBySig (1 scope, relayed)", gas, 0);
    }

    function test_gas_grantAccess_threeScopes() public {
        uint8[] memory scopes = new uint8[](3);
        (scopes[0], scopes[1], scopes[2]) = (LABS, IMAGING, PRESCRIPTIONS);
        bytes memory data = abi.encodeCall(
            IMedChainConsent.grantAccess,
            (patient, provider, scopes, false, uint64(block.timestamp + 30 days), _cid(5), 0)
        );
        uint256 gas = _fullTx(patient, data);
        _report("grantAccess (3 scopes)", gas, 0);
    }

    function test_gas_rotateScopeKey_sameSlot() public {
        vm.prank(patient);
        medChain.rotateScopeKey(patient, IMAGING, 1, _cid(6)); // scopes 0-7 share one epoch slot
        bytes memory data =
            abi.encodeCall(IMedChainRecords.rotateScopeKey, (patient, LABS, 1, _cid(7)));
        uint256 gas = _fullTx(patient, data);
        _report("rotateScopeKey (slot already used)", gas, 0);
    }

    function test_gas_verifyProvider() public {
        _registerProvider(provider2, false);
        bytes memory data =
            abi.encodeCall(IMedChainIdentity.verifyProvider, (provider2, CREDENTIAL));
        uint256 gas = _fullTx(admin, data);
        _report("verifyProvider", gas, 0);
    }
}
